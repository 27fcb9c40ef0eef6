package org.vmstation.engine.power;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The page QEMU maps into the guest through {@code ivshmem-plain}, seen from the host: a memory-mapped file in
 * the VM's runtime folder. The host publishes a {@link PowerState} with a sequence lock (odd while writing) so
 * the guest's methods can tell a torn read and retry. The guest can write this page too, so {@link #read()}
 * trusts nothing in it: every field is checked and a bad one is reported, never acted on.
 */
public final class PowerRegion implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;

    private PowerRegion(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.map = map;
    }

    /** Opens the region file, creating it (mode 0600, {@link RegionLayout#REGION_BYTES} long) when missing. */
    public static PowerRegion open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another VMStation process created it first; use theirs
            }
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size != 0 && size != RegionLayout.REGION_BYTES) {
                throw new IOException("power region " + file + " is " + size + " bytes long: expected " + RegionLayout.REGION_BYTES);
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, RegionLayout.REGION_BYTES);
            m.order(ByteOrder.LITTLE_ENDIAN);
            return new PowerRegion(file, ch, m);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() { return file; }

    /** Writes the whole state and the counters; readers that overlap see an odd sequence and retry. */
    public synchronized void publish(PowerState s, ChangeCounters c) {
        int seq = map.getInt(RegionLayout.OFF_SEQUENCE);
        // An odd start means a guest (or a crashed writer) left it odd: step to the next odd number.
        int writing = (seq & 1) == 0 ? seq + 1 : seq + 2;
        map.putInt(RegionLayout.OFF_SEQUENCE, writing);
        VarHandle.fullFence();
        map.putInt(RegionLayout.OFF_MAGIC, RegionLayout.MAGIC);
        map.putInt(RegionLayout.OFF_VERSION, RegionLayout.VERSION);
        int flags = (s.batteryPresent() ? RegionLayout.FLAG_BATTERY_PRESENT : 0) | (s.acOnline() ? RegionLayout.FLAG_AC_ONLINE : 0)
                | (s.lidOpen() ? RegionLayout.FLAG_LID_OPEN : 0);
        map.putInt(RegionLayout.OFF_FLAGS, flags);
        map.putInt(RegionLayout.OFF_STATE, s.status().acpiBits());
        map.putInt(RegionLayout.OFF_DESIGN_CAPACITY, (int) s.designCapacityMwh());
        map.putInt(RegionLayout.OFF_FULL_CAPACITY, (int) s.fullCapacityMwh());
        map.putInt(RegionLayout.OFF_REMAINING, (int) s.remainingCapacityMwh());
        map.putInt(RegionLayout.OFF_RATE, (int) s.rateMw());
        map.putInt(RegionLayout.OFF_VOLTAGE, (int) s.voltageMv());
        map.putInt(RegionLayout.OFF_DESIGN_VOLTAGE, (int) s.designVoltageMv());
        map.putInt(RegionLayout.OFF_CYCLES, (int) s.cycleCount());
        map.putInt(RegionLayout.OFF_TECHNOLOGY, s.technology().acpiValue());
        // Guests warn at 10 % and act at 5 % of the design capacity, as most laptop firmware sets it.
        map.putInt(RegionLayout.OFF_WARNING_CAPACITY, (int) (s.designCapacityMwh() / 10));
        map.putInt(RegionLayout.OFF_LOW_CAPACITY, (int) (s.designCapacityMwh() / 20));
        map.putInt(RegionLayout.OFF_COUNT_BATTERY, (int) c.battery());
        map.putInt(RegionLayout.OFF_COUNT_AC, (int) c.ac());
        map.putInt(RegionLayout.OFF_COUNT_LID, (int) c.lid());
        map.putInt(RegionLayout.OFF_COUNT_SLEEP, (int) c.sleepPresses());
        map.putInt(RegionLayout.OFF_COUNT_BATTERY_INFO, (int) c.batteryInfo());
        putText(RegionLayout.OFF_MODEL, RegionLayout.LEN_TEXT, s.model());
        putText(RegionLayout.OFF_SERIAL, RegionLayout.LEN_TEXT, s.serial());
        putText(RegionLayout.OFF_TYPE, RegionLayout.LEN_TYPE, s.batteryType());
        putText(RegionLayout.OFF_MANUFACTURER, RegionLayout.LEN_TEXT, s.manufacturer());
        VarHandle.fullFence();
        map.putInt(RegionLayout.OFF_SEQUENCE, writing + 1);
        VarHandle.fullFence();
    }

    /** What the region says now, checked field by field; never trusts it. */
    public synchronized RegionSnapshot read() throws PowerRegionException {
        byte[] copy = new byte[RegionLayout.SNAPSHOT_BYTES];
        map.get(0, copy);
        return RegionSnapshot.decode(copy, file);
    }

    /** Raw access for tests that play a hostile guest. */
    synchronized void scribble(int offset, byte[] bytes) {
        map.put(offset, bytes);
    }

    private void putText(int offset, int length, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        byte[] field = new byte[length];
        System.arraycopy(b, 0, field, 0, Math.min(b.length, length - 1));
        map.put(offset, field);
    }

    @Override
    public void close() throws IOException {
        map.force();
        channel.close();
    }
}
