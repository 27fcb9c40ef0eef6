package org.vmstation.engine.power;

import java.nio.file.Path;
import java.util.Map;

/**
 * The VM settings the power backend reads: {@code power.enabled} (true|false, default false),
 * {@code power.source} (manual|host|script, default manual) and {@code power.scenario} (the scenario file,
 * for the script source; relative paths are relative to the VM's folder).
 */
public record PowerSettings(boolean enabled, String source, Path scenario) {
    public static final String ENABLED = "power.enabled";
    public static final String SOURCE = "power.source";
    public static final String SCENARIO = "power.scenario";

    public static PowerSettings from(Map<String, String> settings, Path vmFolder) {
        String enabled = settings.getOrDefault(ENABLED, "false").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException("setting " + ENABLED + " is '" + enabled + "': expected true or false");
        }
        String source = settings.getOrDefault(SOURCE, "manual").trim();
        if (!source.equals("manual") && !source.equals("host") && !source.equals("script")) {
            throw new IllegalArgumentException("setting " + SOURCE + " is '" + source + "': expected manual, host or script");
        }
        String scenario = settings.get(SCENARIO);
        if (source.equals("script") && (scenario == null || scenario.isBlank())) {
            throw new IllegalArgumentException("setting " + SOURCE + " is 'script' but " + SCENARIO + " names no scenario file");
        }
        Path scenarioPath = scenario == null || scenario.isBlank() ? null : vmFolder.resolve(scenario.trim());
        return new PowerSettings(enabled.equals("true"), source, scenarioPath);
    }
}
