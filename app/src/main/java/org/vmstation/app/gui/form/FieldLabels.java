package org.vmstation.app.gui.form;

import java.util.Map;

/** Turns the validator's field paths ({@code memoryMiB}, {@code disks[0].path}) into the words the form uses. */
public final class FieldLabels {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "Name"), Map.entry("memoryMiB", "Memory"), Map.entry("cpus", "CPUs"),
            Map.entry("machineType", "Machine type"), Map.entry("disks", "Disks"), Map.entry("cdroms", "Installer ISO"),
            Map.entry("kernelBoot.kernelPath", "Kernel"), Map.entry("kernelBoot.initrdPath", "Initrd"),
            Map.entry("network.macAddress", "MAC address"), Map.entry("network.forwards", "Port forwards"),
            Map.entry("bootOrder", "Boot order"), Map.entry("tags", "Tags"));

    private FieldLabels() {}

    public static String label(String field) {
        String exact = LABELS.get(field);
        if (exact != null) return exact;
        // longest known prefix: disks[1].path -> Disks, network.forwards[0].hostPort -> Port forwards
        String best = null;
        for (String key : LABELS.keySet()) {
            if (field.startsWith(key) && (best == null || key.length() > best.length())) best = key;
        }
        return best == null ? field : LABELS.get(best);
    }
}
