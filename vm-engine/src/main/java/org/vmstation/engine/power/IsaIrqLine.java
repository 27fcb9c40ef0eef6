package org.vmstation.engine.power;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.vmstation.engine.runtime.VmControl;

/**
 * Raises the GED's interrupt from the host: {@code pc-testdev} drives ISA line n from I/O port 0x2000+n, and
 * HMP's {@code o} command (sent over QMP's {@code human-monitor-command}) writes that port as if a CPU had.
 * The line stays raised (level) until the guest's {@code _EVT} writes 0 to the same port.
 */
final class IsaIrqLine {
    private IsaIrqLine() {}

    static String raiseCommand() {
        return String.format("o 0x%x 1", PowerSsdt.irqPort());
    }

    static void raise(VmControl control) throws Exception {
        JsonNode out = control.command("human-monitor-command", Map.of("command-line", raiseCommand()));
        // HMP reports its errors as text in a successful reply; an empty answer is success.
        String text = out == null || out.isNull() ? "" : out.asText("");
        if (!text.isBlank()) {
            throw new IllegalStateException("QEMU refused to raise the power event line ('" + raiseCommand() + "'): " + text.strip());
        }
    }
}
