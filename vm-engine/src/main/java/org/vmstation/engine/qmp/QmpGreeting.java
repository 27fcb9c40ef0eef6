package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The greeting QEMU sends as soon as a client connects:
 * {@code {"QMP": {"version": {"qemu": {"major": 7, "minor": 2, "micro": 0}, "package": "..."}, "capabilities": ["oob"]}}}.
 *
 * @param packageName  distribution build string, e.g. {@code "Debian 1:7.2+dfsg-7"}; may be empty
 * @param capabilities protocol capabilities QEMU offers (this client enables none of them)
 */
public record QmpGreeting(int major, int minor, int micro, String packageName, List<String> capabilities) {

    public QmpGreeting {
        Objects.requireNonNull(packageName, "packageName");
        capabilities = List.copyOf(capabilities);
    }

    static QmpGreeting fromMessage(ObjectNode message) {
        JsonNode qmp = message.get("QMP");
        if (qmp == null || !qmp.isObject()) {
            throw new QmpProtocolException("expected the QMP greeting {\"QMP\": {...}} as the first message, got: " + abbreviate(message));
        }
        JsonNode version = qmp.path("version");
        JsonNode qemu = version.path("qemu");
        int major = versionPart(qemu, "major", message);
        int minor = versionPart(qemu, "minor", message);
        int micro = versionPart(qemu, "micro", message);
        JsonNode pkg = version.path("package");
        String packageName = pkg.isTextual() ? pkg.asText() : "";
        List<String> capabilities = new ArrayList<>();
        JsonNode caps = qmp.path("capabilities");
        if (!caps.isArray()) {
            throw new QmpProtocolException("QMP greeting lacks the 'capabilities' array: " + abbreviate(message));
        }
        for (JsonNode cap : caps) {
            if (cap.isTextual()) {
                capabilities.add(cap.asText());
            }
        }
        return new QmpGreeting(major, minor, micro, packageName, capabilities);
    }

    private static int versionPart(JsonNode qemu, String field, ObjectNode message) {
        JsonNode value = qemu.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new QmpProtocolException("QMP greeting has no valid QMP.version.qemu." + field
                    + " (expected a non-negative integer): " + abbreviate(message));
        }
        return value.asInt();
    }

    private static String abbreviate(ObjectNode message) {
        String text = message.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** True when this QEMU is version {@code major.minor} or newer. */
    public boolean isAtLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** "7.2.0". */
    public String version() {
        return major + "." + minor + "." + micro;
    }
}
