package org.vmstation.engine.power.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host power rules as JSON in the per-user folder, next to the VM library ({@value #FILE_NAME}):
 * <pre>{@code
 * { "version": 1,
 *   "rules": [
 *     { "id": "r1", "enabled": true, "when": "on-battery", "action": "pause", "vms": "background" },
 *     { "id": "r2", "enabled": true, "when": "battery-below", "percent": 15, "action": "suspend-to-disk", "vms": "all-running" },
 *     { "id": "r3", "enabled": false, "when": "on-battery", "action": "cpu-cap", "cpuPercent": 25, "vms": "tagged", "tag": "build" },
 *     { "id": "r4", "enabled": true, "when": "lid-closed", "action": "pause", "vms": "all-running" } ] }
 * }</pre>
 * Reading validates everything and reports the first problem with the file, the rule's index and the field
 * ({@code power-policy.json: rules[1].action is 'explode', expected one of pause, cpu-cap, suspend-to-disk, warn}).
 * A missing file means no rules. Writes go to a temporary file first, so a crash never leaves half a file.
 */
public final class PolicyRuleStore {
    public static final String FILE_NAME = "power-policy.json";
    static final int VERSION = 1;
    /** Bigger than any hand-written policy; a bigger file is refused rather than read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public PolicyRuleStore(Path file) { this.file = file; }

    /** The store beside the library database (the per-user VMStation folder). */
    public static PolicyRuleStore besideLibrary(Path libraryDatabase) {
        Path dir = libraryDatabase.toAbsolutePath().getParent();
        return new PolicyRuleStore(dir.resolve(FILE_NAME));
    }

    public Path file() { return file; }

    public List<PolicyRule> load() throws PolicyFileException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw new PolicyFileException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not a rules file");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (PolicyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new PolicyFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    public void save(List<PolicyRule> rules) throws PolicyFileException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, format(rules), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PolicyFileException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String format(List<PolicyRule> rules) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode arr = root.putArray("rules");
        for (PolicyRule r : rules) {
            ObjectNode n = arr.addObject();
            n.put("id", r.id());
            n.put("enabled", r.enabled());
            switch (r.condition()) {
                case PolicyCondition.OnBattery c -> n.put("when", "on-battery");
                case PolicyCondition.BatteryBelow c -> n.put("when", "battery-below").put("percent", c.percent());
                case PolicyCondition.LidClosed c -> n.put("when", "lid-closed");
            }
            switch (r.action()) {
                case PolicyAction.Pause a -> n.put("action", "pause");
                case PolicyAction.CpuCap a -> n.put("action", "cpu-cap").put("cpuPercent", a.percent());
                case PolicyAction.SuspendToDisk a -> n.put("action", "suspend-to-disk");
                case PolicyAction.Warn a -> n.put("action", "warn");
            }
            switch (r.target()) {
                case PolicyTarget.AllRunning t -> n.put("vms", "all-running");
                case PolicyTarget.Background t -> n.put("vms", "background");
                case PolicyTarget.Tagged t -> n.put("vms", "tagged").put("tag", t.tag());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serializes
        }
    }

    static List<PolicyRule> parse(String text, String name) throws PolicyFileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(name + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) throw new PolicyFileException(name + ": expected a JSON object with \"version\" and \"rules\"");
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != VERSION) {
            throw new PolicyFileException(name + ": version is " + (version == null ? "missing" : "'" + version + "'") + ", expected " + VERSION);
        }
        JsonNode arr = root.get("rules");
        if (arr == null || !arr.isArray()) throw new PolicyFileException(name + ": rules is " + (arr == null ? "missing" : "'" + arr + "'") + ", expected a list");
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            Fields f = new Fields(arr.get(i), name + ": rules[" + i + "]");
            PolicyRule rule = f.rule();
            if (!ids.add(rule.id())) throw new PolicyFileException(f.where + ".id '" + rule.id() + "' is used by an earlier rule: ids must be unique");
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /** Reads one rule object, naming the field in every complaint. */
    private static final class Fields {
        private static final Set<String> KNOWN = Set.of("id", "enabled", "when", "percent", "action", "cpuPercent", "vms", "tag");
        private final JsonNode node;
        private final String where;

        Fields(JsonNode node, String where) throws PolicyFileException {
            if (node == null || !node.isObject()) throw new PolicyFileException(where + " is '" + node + "', expected an object");
            this.node = node;
            this.where = where;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!KNOWN.contains(field)) throw new PolicyFileException(where + " has an unknown field '" + field + "' (known: id, enabled, when, percent, action, cpuPercent, vms, tag)");
            }
        }

        PolicyRule rule() throws PolicyFileException {
            String id = text("id");
            JsonNode en = node.get("enabled");
            if (en != null && !en.isBoolean()) throw new PolicyFileException(where + ".enabled is '" + en + "', expected true or false");
            boolean enabled = en == null || en.asBoolean();
            PolicyCondition when = switch (choice("when", "on-battery", "battery-below", "lid-closed")) {
                case "on-battery" -> new PolicyCondition.OnBattery();
                case "battery-below" -> new PolicyCondition.BatteryBelow(percent("percent"));
                default -> new PolicyCondition.LidClosed();
            };
            PolicyAction action = switch (choice("action", "pause", "cpu-cap", "suspend-to-disk", "warn")) {
                case "pause" -> new PolicyAction.Pause();
                case "cpu-cap" -> new PolicyAction.CpuCap(percent("cpuPercent"));
                case "suspend-to-disk" -> new PolicyAction.SuspendToDisk();
                default -> new PolicyAction.Warn();
            };
            PolicyTarget target = switch (choice("vms", "all-running", "background", "tagged")) {
                case "all-running" -> new PolicyTarget.AllRunning();
                case "background" -> new PolicyTarget.Background();
                default -> new PolicyTarget.Tagged(text("tag"));
            };
            return new PolicyRule(id, enabled, when, action, target);
        }

        private String text(String field) throws PolicyFileException {
            JsonNode v = node.get(field);
            if (v == null) throw new PolicyFileException(where + "." + field + " is missing");
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 100) {
                throw new PolicyFileException(where + "." + field + " is '" + v + "', expected a text of 1 to 100 characters");
            }
            return v.asText().strip();
        }

        private String choice(String field, String... options) throws PolicyFileException {
            String v = text(field).toLowerCase(Locale.ROOT);
            for (String o : options) if (o.equals(v)) return o;
            throw new PolicyFileException(where + "." + field + " is '" + v + "', expected one of " + String.join(", ", options));
        }

        private int percent(String field) throws PolicyFileException {
            JsonNode v = node.get(field);
            if (v == null) throw new PolicyFileException(where + "." + field + " is missing");
            if (!v.isInt() || v.asInt() < 1 || v.asInt() > 100) throw new PolicyFileException(where + "." + field + " is '" + v + "', expected a whole number from 1 to 100");
            return v.asInt();
        }
    }
}
