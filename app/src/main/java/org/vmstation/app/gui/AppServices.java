package org.vmstation.app.gui;

import java.util.Objects;
import org.vmstation.app.gui.service.DiskImages;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.runtime.VmHost;

/**
 * What the window needs from the rest of the application. The command line builds one with {@link #of} and
 * passes it to {@link WorkstationApp#launch}; tests build one over a temporary library.
 *
 * @param library  the per-user VM library (owned by the caller, who closes it)
 * @param host     runs the VMs
 * @param executor runs all blocking work off the JavaFX thread
 * @param disks    disk image creation and measurement
 */
public record AppServices(VmLibrary library, VmHost host, TaskExecutor executor, DiskImages disks) {
    public AppServices {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(disks, "disks");
    }

    public static AppServices of(VmLibrary library, VmHost host) {
        return new AppServices(library, host, new ThreadPoolTaskExecutor(), QemuImgDisks.onPath());
    }

    public VmCatalog catalog() { return new LibraryCatalog(library); }

    /** Imports into this library, converting disks with the host's qemu-img. */
    public org.vmstation.engine.importer.service.ImportService importService() {
        return new org.vmstation.engine.importer.service.ImportService(library, org.vmstation.engine.storage.QemuImg.locate());
    }
}
