package org.vmstation.engine.power;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** A checked copy of the shared region: the state and counters it holds. */
public record RegionSnapshot(PowerState state, ChangeCounters counters, long sequence) {

    /** Decodes a copy of the region; any value the host would never have written is an error naming it. */
    static RegionSnapshot decode(byte[] bytes, Path file) throws PowerRegionException {
        if (bytes.length < RegionLayout.SNAPSHOT_BYTES) {
            throw new PowerRegionException("power region " + file + ": only " + bytes.length + " bytes, expected "
                    + RegionLayout.SNAPSHOT_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(RegionLayout.OFF_MAGIC);
        if (magic != RegionLayout.MAGIC) {
            throw bad(file, "magic", String.format("0x%08x", magic), String.format("0x%08x (\"VMSP\")", RegionLayout.MAGIC));
        }
        int version = b.getInt(RegionLayout.OFF_VERSION);
        if (version != RegionLayout.VERSION) throw bad(file, "layout version", Integer.toString(version), "1");
        long seq = u32(b, RegionLayout.OFF_SEQUENCE);
        if ((seq & 1) != 0) throw bad(file, "sequence", Long.toString(seq), "an even number (odd means a write in progress)");
        int flags = b.getInt(RegionLayout.OFF_FLAGS);
        if ((flags & ~7) != 0) throw bad(file, "flags", String.format("0x%x", flags), "only bits 0-2");
        int stateBits = b.getInt(RegionLayout.OFF_STATE);
        BatteryStatus status = switch (stateBits) {
            case 0 -> BatteryStatus.IDLE;
            case 1 -> BatteryStatus.DISCHARGING;
            case 2 -> BatteryStatus.CHARGING;
            default -> throw bad(file, "battery state", Integer.toString(stateBits), "0, 1 or 2");
        };
        int tech = b.getInt(RegionLayout.OFF_TECHNOLOGY);
        if (tech != 0 && tech != 1) throw bad(file, "technology", Integer.toString(tech), "0 or 1");
        PowerState state;
        try {
            state = new PowerState((flags & RegionLayout.FLAG_BATTERY_PRESENT) != 0, u32(b, RegionLayout.OFF_DESIGN_CAPACITY),
                    u32(b, RegionLayout.OFF_FULL_CAPACITY), u32(b, RegionLayout.OFF_REMAINING), u32(b, RegionLayout.OFF_RATE),
                    u32(b, RegionLayout.OFF_VOLTAGE), u32(b, RegionLayout.OFF_DESIGN_VOLTAGE), status,
                    tech == 0 ? BatteryTechnology.PRIMARY : BatteryTechnology.RECHARGEABLE,
                    text(b, file, "type", RegionLayout.OFF_TYPE, RegionLayout.LEN_TYPE),
                    text(b, file, "model", RegionLayout.OFF_MODEL, RegionLayout.LEN_TEXT),
                    text(b, file, "serial", RegionLayout.OFF_SERIAL, RegionLayout.LEN_TEXT),
                    text(b, file, "manufacturer", RegionLayout.OFF_MANUFACTURER, RegionLayout.LEN_TEXT),
                    u32(b, RegionLayout.OFF_CYCLES), (flags & RegionLayout.FLAG_AC_ONLINE) != 0, (flags & RegionLayout.FLAG_LID_OPEN) != 0);
        } catch (PowerValueException e) {
            throw new PowerRegionException("power region " + file + " holds a value the host never wrote: " + e.getMessage());
        }
        ChangeCounters counters = new ChangeCounters(u32(b, RegionLayout.OFF_COUNT_BATTERY), u32(b, RegionLayout.OFF_COUNT_BATTERY_INFO),
                u32(b, RegionLayout.OFF_COUNT_AC), u32(b, RegionLayout.OFF_COUNT_LID), u32(b, RegionLayout.OFF_COUNT_SLEEP));
        return new RegionSnapshot(state, counters, seq);
    }

    private static long u32(ByteBuffer b, int offset) {
        return Integer.toUnsignedLong(b.getInt(offset));
    }

    private static String text(ByteBuffer b, Path file, String field, int offset, int length) throws PowerRegionException {
        StringBuilder s = new StringBuilder();
        boolean ended = false;
        for (int i = 0; i < length; i++) {
            int c = b.get(offset + i) & 0xFF;
            if (c == 0) { ended = true; break; }
            if (c < 0x20 || c > 0x7E) throw bad(file, field, "a byte 0x" + Integer.toHexString(c) + " at position " + (i + 1), "printable ASCII");
            s.append((char) c);
        }
        if (!ended) throw bad(file, field, "no terminating NUL in " + length + " bytes", "a NUL-terminated string");
        return s.toString();
    }

    private static PowerRegionException bad(Path file, String field, String value, String expected) {
        return new PowerRegionException("power region " + file + " holds a value the host never wrote: " + field + " is " + value
                + ", expected " + expected);
    }
}
