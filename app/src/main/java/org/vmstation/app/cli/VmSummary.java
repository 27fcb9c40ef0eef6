package org.vmstation.app.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmStatus;

/** The fields scripts get from {@code list --json} and {@code show --json}. */
final class VmSummary {
    private VmSummary() {}

    static Map<String, Object> of(VmEntry entry, VmStatus status) {
        VmDefinition d = entry.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("os", d.osType());
        m.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        if (status.pid() > 0) m.put("pid", status.pid());
        if (!status.detail().isEmpty()) m.put("detail", status.detail());
        m.put("cpus", d.cpus());
        m.put("memoryMiB", d.memoryMiB());
        m.put("tags", d.tags());
        m.put("createdAt", text(entry.createdAt()));
        m.put("lastRunAt", text(entry.lastRunAt()));
        return m;
    }

    private static String text(Instant i) { return i == null ? null : i.toString(); }
}
