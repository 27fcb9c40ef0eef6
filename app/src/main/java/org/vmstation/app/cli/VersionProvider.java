package org.vmstation.app.cli;

import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import picocli.CommandLine;

/** {@code --version}: VMStation's version (from the Maven build) and the QEMU it found. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String vmstationVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        if (v != null) return v;
        try (var in = VersionProvider.class.getResourceAsStream("/org/vmstation/app/version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "development");
            }
        } catch (java.io.IOException ignored) {
            // fall through
        }
        return "development";
    }

    @Override
    public String[] getVersion() {
        String qemu;
        try {
            QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
            qemu = "QEMU " + caps.version() + " (" + caps.binary() + "), accelerator " + caps.usableAccelerator();
        } catch (RuntimeException e) {
            qemu = "QEMU: " + e.getMessage();
        }
        return new String[] {"VMStation " + vmstationVersion(), qemu};
    }
}
