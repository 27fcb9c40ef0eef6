package org.vmstation.app.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.osinfo.RecordedOs;
import org.vmstation.engine.runtime.VmStatus;

/**
 * The fields scripts get from {@code list --json} and {@code show --json}. {@code os} stays the OS preset id
 * (debian, windows11); {@code osName}, {@code osinfoId} and {@code osinfoShortId} are there only for a VM that
 * records the exact OS it was made for (see {@link RecordedOs}), the way {@code pid} is there only while it runs.
 */
final class VmSummary {
    private VmSummary() {}

    static Map<String, Object> of(VmEntry entry, VmStatus status) {
        VmDefinition d = entry.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("os", d.osType());
        RecordedOs.of(d).ifPresent(os -> {
            m.put("osName", os.name());
            if (!os.osinfoId().isEmpty()) m.put("osinfoId", os.osinfoId());
            if (!os.shortId().isEmpty()) m.put("osinfoShortId", os.shortId());
        });
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

    /** The OS as a person reads it: the exact name where recorded ("Debian 11"), else the preset id. */
    static String osLabel(VmDefinition d) {
        return RecordedOs.label(d, d.osType());
    }

    private static String text(Instant i) { return i == null ? null : i.toString(); }
}
