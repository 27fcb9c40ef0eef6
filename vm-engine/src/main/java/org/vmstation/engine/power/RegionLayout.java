package org.vmstation.engine.power;

/**
 * Byte layout of the shared power region (version 1), little-endian 32-bit words. The SSDT's methods read the
 * first {@link #SNAPSHOT_BYTES} bytes in one go; {@link PowerSsdt} takes every offset from here, so the two
 * sides cannot drift apart.
 *
 * <pre>
 * 0x00 magic "VMSP"         0x04 layout version      0x08 sequence (odd while the host writes)
 * 0x0C flags: bit0 battery present, bit1 AC online, bit2 lid open
 * 0x10 _BST state bits      0x14 design capacity     0x18 full capacity     0x1C remaining capacity
 * 0x20 rate                 0x24 voltage             0x28 design voltage    0x2C cycle count
 * 0x30 technology           0x34 warning capacity    0x38 low capacity
 * 0x40 counters: battery, 0x44 AC, 0x48 lid, 0x4C sleep presses, 0x50 battery info
 * 0x80 model[32]  0xA0 serial[32]  0xC0 type[16]  0xD0 manufacturer[32]   (ASCII, NUL-padded)
 * </pre>
 */
public final class RegionLayout {
    private RegionLayout() {}

    /** ivshmem needs a power-of-two size; one page is the smallest a host maps. */
    public static final int REGION_BYTES = 4096;
    public static final int SNAPSHOT_BYTES = 256;
    public static final int MAGIC = 0x50534D56; // "VMSP" in little-endian byte order
    public static final int VERSION = 1;

    public static final int OFF_MAGIC = 0x00;
    public static final int OFF_VERSION = 0x04;
    public static final int OFF_SEQUENCE = 0x08;
    public static final int OFF_FLAGS = 0x0C;
    public static final int OFF_STATE = 0x10;
    public static final int OFF_DESIGN_CAPACITY = 0x14;
    public static final int OFF_FULL_CAPACITY = 0x18;
    public static final int OFF_REMAINING = 0x1C;
    public static final int OFF_RATE = 0x20;
    public static final int OFF_VOLTAGE = 0x24;
    public static final int OFF_DESIGN_VOLTAGE = 0x28;
    public static final int OFF_CYCLES = 0x2C;
    public static final int OFF_TECHNOLOGY = 0x30;
    public static final int OFF_WARNING_CAPACITY = 0x34;
    public static final int OFF_LOW_CAPACITY = 0x38;
    public static final int OFF_COUNT_BATTERY = 0x40;
    public static final int OFF_COUNT_AC = 0x44;
    public static final int OFF_COUNT_LID = 0x48;
    public static final int OFF_COUNT_SLEEP = 0x4C;
    public static final int OFF_COUNT_BATTERY_INFO = 0x50;
    public static final int OFF_MODEL = 0x80;
    public static final int OFF_SERIAL = 0xA0;
    public static final int OFF_TYPE = 0xC0;
    public static final int OFF_MANUFACTURER = 0xD0;
    public static final int LEN_TEXT = 32;
    public static final int LEN_TYPE = 16;

    public static final int FLAG_BATTERY_PRESENT = 1;
    public static final int FLAG_AC_ONLINE = 2;
    public static final int FLAG_LID_OPEN = 4;
}
