package org.vmstation.engine.power;

import java.util.Locale;

/** What the battery is doing, as ACPI's {@code _BST} state bits say it (bit 0 discharging, bit 1 charging). */
public enum BatteryStatus {
    CHARGING(2),
    DISCHARGING(1),
    /** Neither: plugged in and full, or held by the charger. Linux shows "Full" when remaining equals full. */
    IDLE(0);

    private final int acpiBits;

    BatteryStatus(int acpiBits) { this.acpiBits = acpiBits; }

    public int acpiBits() { return acpiBits; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static BatteryStatus parse(String text) {
        for (BatteryStatus s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) return s;
        }
        throw new PowerValueException("battery status '" + text + "' is unknown: expected charging, discharging or idle");
    }
}
