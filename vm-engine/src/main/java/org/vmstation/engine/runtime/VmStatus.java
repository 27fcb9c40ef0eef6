package org.vmstation.engine.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What a host knows about one VM right now.
 *
 * @param pid       the QEMU process id, or -1 when none runs
 * @param since     when the VM entered this state, when known (may be null)
 * @param detail    a sentence for the user: why it crashed, what it is waiting for; empty if nothing to say
 * @param lastLogLines the tail of the QEMU log when the state is CRASHED
 */
public record VmStatus(String vmId, VmState state, long pid, Instant since, String detail, List<String> lastLogLines) {
    public VmStatus {
        detail = detail == null ? "" : detail;
        lastLogLines = lastLogLines == null ? List.of() : List.copyOf(lastLogLines);
    }

    public static VmStatus stopped(String vmId) { return new VmStatus(vmId, VmState.STOPPED, -1, null, "", List.of()); }
}
