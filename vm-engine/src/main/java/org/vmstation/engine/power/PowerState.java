package org.vmstation.engine.power;

import java.util.Objects;

/**
 * Everything the guest's battery, AC adapter and lid report, in ACPI's units (mWh, mW, mV). Immutable and
 * always valid: the constructor refuses values no real device has, naming the field and the allowed range,
 * so nothing invalid ever reaches the shared region or the guest.
 *
 * @param batteryPresent       whether a battery sits in the bay (the adapter and lid exist either way)
 * @param designCapacityMwh    capacity when new
 * @param fullCapacityMwh      capacity when last fully charged; the charge percentage is relative to it
 * @param remainingCapacityMwh charge left, at most {@code fullCapacityMwh}
 * @param rateMw               present charge or discharge rate, never negative (the status gives the direction)
 * @param voltageMv            present voltage
 * @param designVoltageMv      nominal voltage
 * @param cycleCount           charge cycles so far
 */
public record PowerState(
        boolean batteryPresent,
        long designCapacityMwh,
        long fullCapacityMwh,
        long remainingCapacityMwh,
        long rateMw,
        long voltageMv,
        long designVoltageMv,
        BatteryStatus status,
        BatteryTechnology technology,
        String batteryType,
        String model,
        String serial,
        String manufacturer,
        long cycleCount,
        boolean acOnline,
        boolean lidOpen) {

    /** Largest capacity, rate or voltage: ACPI uses 0xFFFFFFFF for "unknown", so stay well below it. */
    public static final long MAX_VALUE = 0x7FFF_FFFFL;
    /** Longest model/serial/manufacturer string, in ASCII characters (the region keeps 32 bytes, NUL-ended). */
    public static final int MAX_TEXT = 31;
    /** Longest battery type string such as {@code LION} (16 bytes in the region). */
    public static final int MAX_TYPE = 15;

    public PowerState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(technology, "technology");
        inRange("design capacity", designCapacityMwh, 1, MAX_VALUE, " mWh");
        inRange("full capacity", fullCapacityMwh, 1, MAX_VALUE, " mWh");
        if (remainingCapacityMwh < 0 || remainingCapacityMwh > fullCapacityMwh) {
            throw new PowerValueException("battery remaining capacity " + remainingCapacityMwh + " mWh is out of range: expected 0 to "
                    + fullCapacityMwh + " mWh (the full capacity)");
        }
        if (rateMw < 0) {
            throw new PowerValueException("battery rate " + rateMw + " mW is negative: give the size of the rate and say"
                    + " charging or discharging");
        }
        inRange("battery rate", rateMw, 0, MAX_VALUE, " mW");
        inRange("battery voltage", voltageMv, 0, MAX_VALUE, " mV");
        inRange("battery design voltage", designVoltageMv, 0, MAX_VALUE, " mV");
        inRange("battery cycle count", cycleCount, 0, MAX_VALUE, "");
        batteryType = text("battery type", batteryType, MAX_TYPE);
        model = text("battery model", model, MAX_TEXT);
        serial = text("battery serial", serial, MAX_TEXT);
        manufacturer = text("battery manufacturer", manufacturer, MAX_TEXT);
    }

    /** A laptop battery at 80 %, charging from the plugged-in adapter, lid open. */
    public static PowerState defaults() {
        return new PowerState(true, 50_000, 50_000, 40_000, 10_000, 12_100, 11_100, BatteryStatus.CHARGING,
                BatteryTechnology.RECHARGEABLE, "LION", "VMStation Battery", "VMS-0001", "VMStation", 42, true, true);
    }

    /** Charge in percent of the full capacity, rounded to the nearest whole percent (Linux rounds the same way). */
    public int chargePercent() {
        return (int) ((remainingCapacityMwh * 100 + fullCapacityMwh / 2) / fullCapacityMwh);
    }

    /** The same battery with {@code percent} of its full capacity left. */
    public PowerState withChargePercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new PowerValueException("battery charge " + percent + " % is out of range: expected 0 to 100");
        }
        return withRemaining(fullCapacityMwh * percent / 100);
    }

    public PowerState withRemaining(long mwh) {
        return new PowerState(batteryPresent, designCapacityMwh, fullCapacityMwh, mwh, rateMw, voltageMv, designVoltageMv, status,
                technology, batteryType, model, serial, manufacturer, cycleCount, acOnline, lidOpen);
    }

    public PowerState withStatus(BatteryStatus newStatus) {
        return new PowerState(batteryPresent, designCapacityMwh, fullCapacityMwh, remainingCapacityMwh, rateMw, voltageMv, designVoltageMv,
                newStatus, technology, batteryType, model, serial, manufacturer, cycleCount, acOnline, lidOpen);
    }

    public PowerState withRate(long mw) {
        return new PowerState(batteryPresent, designCapacityMwh, fullCapacityMwh, remainingCapacityMwh, mw, voltageMv, designVoltageMv,
                status, technology, batteryType, model, serial, manufacturer, cycleCount, acOnline, lidOpen);
    }

    public PowerState withAcOnline(boolean online) {
        return new PowerState(batteryPresent, designCapacityMwh, fullCapacityMwh, remainingCapacityMwh, rateMw, voltageMv, designVoltageMv,
                status, technology, batteryType, model, serial, manufacturer, cycleCount, online, lidOpen);
    }

    public PowerState withLidOpen(boolean open) {
        return new PowerState(batteryPresent, designCapacityMwh, fullCapacityMwh, remainingCapacityMwh, rateMw, voltageMv, designVoltageMv,
                status, technology, batteryType, model, serial, manufacturer, cycleCount, acOnline, open);
    }

    public PowerState withBatteryPresent(boolean present) {
        return new PowerState(present, designCapacityMwh, fullCapacityMwh, remainingCapacityMwh, rateMw, voltageMv, designVoltageMv,
                status, technology, batteryType, model, serial, manufacturer, cycleCount, acOnline, lidOpen);
    }

    /** Whether the guest needs to re-read the static battery information ({@code _BIF}/{@code _BIX}). */
    boolean batteryInfoDiffers(PowerState other) {
        return batteryPresent != other.batteryPresent || designCapacityMwh != other.designCapacityMwh
                || fullCapacityMwh != other.fullCapacityMwh || designVoltageMv != other.designVoltageMv || technology != other.technology
                || !batteryType.equals(other.batteryType) || !model.equals(other.model) || !serial.equals(other.serial)
                || !manufacturer.equals(other.manufacturer) || cycleCount != other.cycleCount;
    }

    /** Whether the dynamic battery state ({@code _BST}) changed. */
    boolean batteryStateDiffers(PowerState other) {
        return remainingCapacityMwh != other.remainingCapacityMwh || rateMw != other.rateMw || voltageMv != other.voltageMv
                || status != other.status;
    }

    private static void inRange(String field, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new PowerValueException(field + " " + value + unit + " is out of range: expected " + min + " to " + max + unit);
        }
    }

    private static String text(String field, String value, int max) {
        String v = value == null ? "" : value;
        if (v.length() > max) {
            throw new PowerValueException(field + " '" + v + "' is too long: " + v.length() + " characters, expected at most " + max);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new PowerValueException(field + " '" + v + "' has a character that is not printable ASCII at position " + (i + 1)
                        + ": expected letters, digits, spaces and punctuation only");
            }
        }
        return v;
    }
}
