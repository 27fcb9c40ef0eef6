package org.vmstation.usb.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmstation.engine.model.VmDefinition;

/** Reads and writes a VM's USB rules in its settings ({@code usb.rule.0}, {@code usb.rule.1}, ...). */
public final class UsbRules {
    public static final String PREFIX = "usb.rule.";

    private UsbRules() {}

    /** The VM's rules in key order; a malformed entry is an error naming its key. */
    public static List<UsbRule> of(VmDefinition vm) {
        List<Map.Entry<Integer, UsbRule>> found = new ArrayList<>();
        for (Map.Entry<String, String> e : vm.settings().entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) continue;
            String n = e.getKey().substring(PREFIX.length());
            if (!n.matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("VM setting " + e.getKey() + " has no rule number; expected " + PREFIX + "N");
            }
            found.add(Map.entry(Integer.parseInt(n), UsbRule.decode(e.getKey(), e.getValue())));
        }
        found.sort(Map.Entry.comparingByKey());
        return found.stream().map(Map.Entry::getValue).toList();
    }

    /** A copy of {@code vm} whose rules are exactly {@code rules}, renumbered from 0. */
    public static VmDefinition with(VmDefinition vm, List<UsbRule> rules) {
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        vm.settings().forEach((k, v) -> { if (!k.startsWith(PREFIX)) settings.put(k, v); });
        for (int i = 0; i < rules.size(); i++) settings.put(PREFIX + i, rules.get(i).encode());
        return vm.toBuilder().settings(settings).build();
    }

    public static VmDefinition add(VmDefinition vm, UsbRule rule) {
        List<UsbRule> rules = new ArrayList<>(of(vm));
        if (!rules.contains(rule)) rules.add(rule);
        return with(vm, rules);
    }

    public static VmDefinition remove(VmDefinition vm, UsbRule rule) {
        List<UsbRule> rules = new ArrayList<>(of(vm));
        rules.remove(rule);
        return with(vm, rules);
    }
}
