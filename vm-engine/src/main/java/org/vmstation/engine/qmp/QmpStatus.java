package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Result of {@code query-status}.
 *
 * @param status  QEMU's run state, e.g. "running", "paused", "prelaunch", "shutdown", "inmigrate"
 * @param running whether guest CPUs are executing
 */
public record QmpStatus(String status, boolean running) {

    static QmpStatus fromReturn(JsonNode value) {
        JsonNode status = value.get("status");
        JsonNode running = value.get("running");
        if (status == null || !status.isTextual() || running == null || !running.isBoolean()) {
            throw new QmpProtocolException("query-status returned " + value + "; expected {\"status\": string, \"running\": boolean}");
        }
        return new QmpStatus(status.asText(), running.asBoolean());
    }
}
