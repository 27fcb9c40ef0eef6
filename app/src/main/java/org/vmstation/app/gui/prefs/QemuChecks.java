package org.vmstation.app.gui.prefs;

import java.nio.file.Path;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;

/** The real check behind Preferences › QEMU binary: the engine's capability probe (cached on disk per binary). */
public final class QemuChecks {
    private QemuChecks() {}

    public static PreferencesViewModel.QemuCheck capabilityProbe() {
        return binary -> {
            Path located = QemuBinaryLocator.forThisHost().locateSystem(binary);
            QemuCapabilities caps = CapabilityProbe.probe(located);
            return "QEMU " + caps.version() + " at " + located + " · accelerator " + caps.usableAccelerator()
                    + " · " + caps.machines().size() + " machine types, " + caps.devices().size() + " devices";
        };
    }
}
