package org.vmstation.engine.power;

import java.util.Locale;

/** ACPI's battery technology field: primary cells cannot be recharged. */
public enum BatteryTechnology {
    PRIMARY(0),
    RECHARGEABLE(1);

    private final int acpiValue;

    BatteryTechnology(int acpiValue) { this.acpiValue = acpiValue; }

    public int acpiValue() { return acpiValue; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static BatteryTechnology parse(String text) {
        for (BatteryTechnology t : values()) {
            if (t.label().equalsIgnoreCase(text == null ? "" : text.trim())) return t;
        }
        throw new PowerValueException("battery technology '" + text + "' is unknown: expected primary or rechargeable");
    }
}
