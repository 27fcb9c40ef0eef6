package org.vmstation.engine.importer.ovf;

import java.util.Locale;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.model.DiskFormat;

/** OVF {@code ovf:format} URIs (vmdk.html#streamOptimized, vhdspec.mspx, qcow2...) to disk formats. */
final class OvfDiskFormats {
    private OvfDiskFormats() {}

    static DiskFormat declared(String formatUri, String href) {
        DiskFormat byUri = DiskProbe.formatFromName(formatUri, null);
        if (byUri != null) return byUri;
        String h = href == null ? "" : href.toLowerCase(Locale.ROOT);
        return DiskProbe.formatFromName(h.contains(".") ? h.substring(h.lastIndexOf('.') + 1) : h, DiskFormat.VMDK);
    }

    static String detail(String formatUri) {
        if (formatUri == null || !formatUri.contains("#")) return "";
        return formatUri.substring(formatUri.indexOf('#') + 1);
    }
}
