package org.vmstation.usb.devices;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.vmstation.usb.redir.TransferResult;

/**
 * USB Mass Storage Bulk-Only Transport: command block wrapper (31 bytes, "USBC") on bulk OUT, optional data
 * phase, command status wrapper (13 bytes, "USBS") on bulk IN. A state machine; the data phase may be split
 * into any number of transfers.
 */
public final class BulkOnlyTransport {
    static final int CBW_SIGNATURE = 0x43425355;
    static final int CSW_SIGNATURE = 0x53425355;
    /** Larger data phases are refused: Linux asks at most a few hundred KiB per command. */
    static final int MAX_DATA = 8 * 1024 * 1024;

    private enum State { COMMAND, DATA_IN, DATA_OUT, STATUS }

    private final ScsiBlockDevice disk;
    private State state = State.COMMAND;
    private int tag;
    private long expected;
    private byte[] dataIn;
    private int dataInPos;
    private ScsiBlockDevice.DataOut pendingWrite;
    private ByteArrayOutputStream outData;
    private long outRemaining;
    private int cswStatus;
    private long residue;

    public BulkOnlyTransport(ScsiBlockDevice disk) { this.disk = disk; }

    public void reset() {
        state = State.COMMAND;
        dataIn = null;
        pendingWrite = null;
        outData = null;
    }

    public TransferResult out(byte[] data) {
        switch (state) {
            case COMMAND -> {
                return command(data);
            }
            case DATA_OUT -> {
                int take = (int) Math.min(outRemaining, data.length);
                if (outData != null) outData.write(data, 0, take);
                outRemaining -= take;
                if (outRemaining == 0) finishDataOut();
                return TransferResult.out(take);
            }
            default -> {
                return TransferResult.stall(); // host sent data while we wanted to send
            }
        }
    }

    /** Data for a bulk IN transfer, or null when the device has nothing to send yet. */
    public TransferResult in(int maxLength) {
        switch (state) {
            case DATA_IN -> {
                int n = Math.min(maxLength, dataIn.length - dataInPos);
                byte[] chunk = Arrays.copyOfRange(dataIn, dataInPos, dataInPos + n);
                dataInPos += n;
                // A short (or empty) packet ends the data phase; so does delivering everything.
                if (dataInPos == dataIn.length || n < maxLength) {
                    dataIn = null;
                    state = State.STATUS;
                }
                return TransferResult.in(chunk);
            }
            case STATUS -> {
                ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(CSW_SIGNATURE).putInt(tag).putInt((int) residue).put((byte) cswStatus);
                state = State.COMMAND;
                return TransferResult.in(b.array());
            }
            default -> {
                return null;
            }
        }
    }

    private TransferResult command(byte[] cbw) {
        ByteBuffer b = ByteBuffer.wrap(cbw).order(ByteOrder.LITTLE_ENDIAN);
        if (cbw.length != 31 || b.getInt(0) != CBW_SIGNATURE) return TransferResult.stall();
        tag = b.getInt(4);
        expected = Integer.toUnsignedLong(b.getInt(8));
        boolean hostWantsIn = (cbw[12] & 0x80) != 0;
        int cbLength = cbw[14] & 0x1f;
        if (cbLength < 1 || cbLength > 16 || expected > MAX_DATA) return TransferResult.stall();
        byte[] cdb = Arrays.copyOfRange(cbw, 15, 15 + cbLength);
        ScsiBlockDevice.Reply reply = disk.execute(cdb);
        switch (reply) {
            case ScsiBlockDevice.DataIn in -> {
                byte[] data = in.data();
                if (data.length > 0 && (!hostWantsIn || expected == 0)) {
                    phaseError(hostWantsIn);
                } else {
                    data = data.length > expected ? Arrays.copyOf(data, (int) expected) : data;
                    cswStatus = in.good() ? 0 : 1;
                    residue = expected - data.length;
                    if (expected == 0) {
                        state = State.STATUS;
                    } else if (hostWantsIn) {
                        dataIn = data;
                        dataInPos = 0;
                        state = State.DATA_IN;
                    } else {
                        // Host offers data the command does not take: accept and drop it.
                        startDataOut(null);
                    }
                }
            }
            case ScsiBlockDevice.DataOut w -> {
                if (hostWantsIn || expected < w.length()) {
                    disk.invalidCommand();
                    phaseError(hostWantsIn);
                } else {
                    cswStatus = 0;
                    residue = expected - w.length();
                    pendingWrite = w;
                    startDataOut(new ByteArrayOutputStream(w.length()));
                }
            }
        }
        return TransferResult.out(cbw.length);
    }

    private void startDataOut(ByteArrayOutputStream sink) {
        outData = sink;
        outRemaining = expected;
        state = State.DATA_OUT;
    }

    private void finishDataOut() {
        if (pendingWrite != null) {
            byte[] all = outData.toByteArray();
            if (!disk.completeWrite(pendingWrite, Arrays.copyOf(all, pendingWrite.length()))) cswStatus = 1;
            pendingWrite = null;
        }
        outData = null;
        state = State.STATUS;
    }

    /** The host and the command disagree on the data phase: finish the host's phase emptily, then report. */
    private void phaseError(boolean hostWantsIn) {
        cswStatus = 2;
        residue = expected;
        if (expected == 0) {
            state = State.STATUS;
        } else if (hostWantsIn) {
            dataIn = new byte[0];
            dataInPos = 0;
            state = State.DATA_IN;
        } else {
            startDataOut(null);
        }
    }
}
