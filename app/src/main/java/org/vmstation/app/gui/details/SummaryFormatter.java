package org.vmstation.app.gui.details;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

/** Turns a definition into the summary lines of the details pane. Pure: easy to test, no toolkit. */
public final class SummaryFormatter {
    private SummaryFormatter() {}

    /** @param diskSizes bytes on disk by disk path, for the disks measured so far */
    public static List<SummaryRow> rows(VmDefinition d, String osLabel, Map<String, Long> diskSizes) {
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(new SummaryRow("Operating system", org.vmstation.engine.osinfo.RecordedOs.label(d, osLabel)));
        rows.add(new SummaryRow("Firmware", d.firmware() == org.vmstation.engine.model.Firmware.UEFI ? "UEFI" : "BIOS"));
        rows.add(new SummaryRow("Processors", d.cpus() + (d.cpus() == 1 ? " CPU" : " CPUs")));
        rows.add(new SummaryRow("Memory", memory(d.memoryMiB())));
        if (d.disks().isEmpty()) rows.add(new SummaryRow("Disks", "None"));
        for (int i = 0; i < d.disks().size(); i++) {
            DiskSpec disk = d.disks().get(i);
            Long size = diskSizes.get(disk.path());
            String onDisk = size == null ? "measuring…" : size < 0 ? "missing" : bytes(size) + " on disk";
            rows.add(new SummaryRow(i == 0 ? "Disks" : "", fileName(disk.path()) + " · " + disk.format().qemuName()
                    + " · " + disk.bus().name().toLowerCase(Locale.ROOT) + " · " + onDisk));
        }
        for (CdromSpec cd : d.cdroms()) {
            rows.add(new SummaryRow("Optical drive", cd.isoPath() == null ? "Empty" : fileName(cd.isoPath())));
        }
        if (d.kernelBoot() != null) {
            rows.add(new SummaryRow("Kernel boot", fileName(d.kernelBoot().kernelPath())
                    + (d.kernelBoot().initrdPath() == null ? "" : " + " + fileName(d.kernelBoot().initrdPath()))));
        }
        rows.add(new SummaryRow("Network", network(d.network())));
        rows.add(new SummaryRow("Display", d.display().adapter() == org.vmstation.engine.model.DisplaySpec.Adapter.NONE
                ? "None (headless)" : d.display().adapter().qemuDevice() + ", 3-D " + d.display().acceleration3d().name().toLowerCase(Locale.ROOT)));
        rows.add(new SummaryRow("Serial console", d.serialConsole() ? "On" : "Off"));
        return rows;
    }

    static String network(NetworkSpec n) {
        if (n.mode() == NetworkSpec.Mode.NONE) return "Not connected";
        StringBuilder sb = new StringBuilder("NAT (" + n.model() + ")");
        for (PortForward f : n.forwards()) {
            sb.append("\n").append(f.protocol().name()).append(' ').append(f.hostAddress()).append(':').append(f.hostPort())
                    .append(" → guest ").append(f.guestPort());
        }
        return sb.toString();
    }

    public static String memory(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + " GiB" : mib + " MiB";
    }

    public static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
