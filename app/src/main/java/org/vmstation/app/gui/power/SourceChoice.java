package org.vmstation.app.gui.power;

import java.util.Locale;

/** The three places a VM's power values can come from, with the {@code power.source} value each one stores. */
public enum SourceChoice {
    HOST("host", "Follow host"),
    MANUAL("manual", "Manual"),
    SCRIPT("script", "Script");

    private final String setting;
    private final String label;

    SourceChoice(String setting, String label) {
        this.setting = setting;
        this.label = label;
    }

    /** The value of the {@code power.source} setting. */
    public String setting() { return setting; }

    /** What the window calls it. */
    public String label() { return label; }

    public static SourceChoice fromSetting(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (SourceChoice c : values()) if (c.setting.equals(v)) return c;
        throw new IllegalArgumentException("power source '" + value + "' is unknown: expected manual, host or script");
    }

    @Override
    public String toString() { return label; }
}
