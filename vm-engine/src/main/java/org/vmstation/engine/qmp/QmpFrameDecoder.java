package org.vmstation.engine.qmp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a QMP byte stream into complete top-level JSON objects, however the stream is chunked.
 *
 * <p>A state machine over bytes: it tracks nesting depth and whether it is inside a string (and
 * just after a backslash there), which is all it needs to find where an object ends. Multi-byte
 * UTF-8 sequences only contain bytes {@code >= 0x80}, so they can never be mistaken for the ASCII
 * structural characters. It does not validate JSON; Jackson does that on each frame.
 *
 * <p>Between objects only JSON whitespace may appear (QEMU ends each message with CR LF). Anything
 * else, a message larger than the limit, or nesting deeper than the limit is a
 * {@link QmpProtocolException}, after which the decoder refuses further input: a stream that lost
 * its framing cannot be resynchronized safely. Not thread-safe; one reader thread feeds it.
 */
public final class QmpFrameDecoder {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** Deeper than any QMP reply; keeps a hostile peer from driving Jackson into deep recursion. */
    public static final int MAX_NESTING_DEPTH = 500;

    private static final int INITIAL_CAPACITY = 4096;

    private enum State { BETWEEN_MESSAGES, IN_MESSAGE, IN_STRING, AFTER_BACKSLASH }

    private final int maxMessageBytes;
    private State state = State.BETWEEN_MESSAGES;
    private byte[] frame = new byte[INITIAL_CAPACITY];
    private int frameLength;
    private int depth;
    private long streamOffset;
    private QmpProtocolException failure;

    public QmpFrameDecoder() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public QmpFrameDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 2) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 2 (the size of {}), got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Consumes {@code length} bytes of {@code data} from {@code offset} and hands each complete
     * object to {@code frames} as its own byte array, in stream order.
     *
     * @throws QmpProtocolException on bytes that cannot belong to a QMP stream; the decoder is then unusable
     */
    public void feed(byte[] data, int offset, int length, Consumer<byte[]> frames) {
        if (failure != null) {
            throw new QmpProtocolException("QMP stream already failed: " + failure.getMessage(), failure);
        }
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " outside array of " + data.length);
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (state == State.BETWEEN_MESSAGES) {
                if (isWhitespace(b)) {
                    streamOffset++;
                    continue;
                }
                if (b != '{') {
                    throw fail("unexpected byte " + describe(b) + " at stream offset " + streamOffset
                            + " outside a message; expected '{' or whitespace");
                }
                state = State.IN_MESSAGE;
            } else {
                step(b);
            }
            append(b);
            streamOffset++;
            if (state == State.BETWEEN_MESSAGES) {
                frames.accept(Arrays.copyOf(frame, frameLength));
                frameLength = 0;
            }
        }
    }

    /** Feeds a whole array. */
    public void feed(byte[] data, Consumer<byte[]> frames) {
        feed(data, 0, data.length, frames);
    }

    /** True when no partial message is buffered, i.e. the stream could end here cleanly. */
    public boolean isBetweenMessages() {
        return state == State.BETWEEN_MESSAGES && failure == null;
    }

    /** Transition for one byte inside a message (the opening brace has already been seen). */
    private void step(byte b) {
        switch (state) {
            case IN_MESSAGE -> {
                switch (b) {
                    case '"' -> state = State.IN_STRING;
                    case '{', '[' -> {
                        depth++;
                        if (depth > MAX_NESTING_DEPTH) {
                            throw fail("message nests deeper than " + MAX_NESTING_DEPTH + " levels at stream offset " + streamOffset);
                        }
                    }
                    case '}', ']' -> {
                        if (depth == 0) {
                            state = State.BETWEEN_MESSAGES;
                        } else {
                            depth--;
                        }
                    }
                    default -> { }
                }
            }
            case IN_STRING -> {
                if (b == '\\') {
                    state = State.AFTER_BACKSLASH;
                } else if (b == '"') {
                    state = State.IN_MESSAGE;
                }
            }
            case AFTER_BACKSLASH -> state = State.IN_STRING;
            case BETWEEN_MESSAGES -> throw new IllegalStateException("step() is only for bytes inside a message");
        }
    }

    private void append(byte b) {
        if (frameLength == maxMessageBytes) {
            throw fail("message exceeds the limit of " + maxMessageBytes + " bytes (at stream offset " + streamOffset + ")");
        }
        if (frameLength == frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min((long) frame.length * 2, maxMessageBytes));
        }
        frame[frameLength++] = b;
    }

    private QmpProtocolException fail(String message) {
        failure = new QmpProtocolException(message);
        frame = new byte[0];
        frameLength = 0;
        return failure;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static String describe(byte b) {
        int unsigned = b & 0xFF;
        String hex = String.format("0x%02X", unsigned);
        return unsigned >= 0x20 && unsigned < 0x7F ? hex + " ('" + (char) unsigned + "')" : hex;
    }
}
