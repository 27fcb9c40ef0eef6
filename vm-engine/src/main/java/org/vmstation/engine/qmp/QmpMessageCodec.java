package org.vmstation.engine.qmp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Turns frames from {@link QmpFrameDecoder} into JSON trees and outgoing messages into bytes. */
final class QmpMessageCodec {

    private static final int PREVIEW_CHARS = 200;

    private final ObjectMapper mapper;

    QmpMessageCodec(int maxMessageBytes) {
        // The frame decoder already bounds size and depth; make sure Jackson's own limits are never the tighter ones.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(maxMessageBytes, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                        .maxNestingDepth(QmpFrameDecoder.MAX_NESTING_DEPTH + 1)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    /** Parses one frame; anything but a well-formed JSON object is a protocol error. */
    ObjectNode decode(byte[] frame) {
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JacksonException e) {
            throw new QmpProtocolException("malformed JSON from QEMU: " + e.getOriginalMessage()
                    + "; message starts with: " + preview(frame), e);
        } catch (java.io.IOException e) {
            throw new QmpProtocolException("unreadable message from QEMU: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new QmpProtocolException("expected a JSON object from QEMU, got: " + preview(frame));
        }
        return object;
    }

    ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** Converts command arguments (maps, lists, strings, numbers, booleans, JsonNodes) to a tree. */
    JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /**
     * Serializes a message with no trailing newline: QEMU's monitor reads one byte at a time, so a
     * newline after "quit" would still be unread when QEMU exits, and the kernel then reports the
     * close as a connection reset instead of a clean end of stream.
     */
    byte[] encode(ObjectNode message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot serialize QMP message: " + e.getOriginalMessage(), e);
        }
    }

    static String preview(byte[] frame) {
        String text = new String(frame, 0, Math.min(frame.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        return text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text;
    }
}
