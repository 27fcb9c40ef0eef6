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
 * @param starter  how Start runs: {@code EngineContext::start} in the application (3-D fallback, state recorded)
 * @param catalog  the window's view of {@code library}: one per services, so the launcher's read of the library
 *                 and the window's first state poll share its cached list (a second catalog would read and merge
 *                 every VM again)
 */
public record AppServices(VmLibrary library, VmHost host, TaskExecutor executor, DiskImages disks,
                          org.vmstation.app.gui.actions.VmStarter starter, VmCatalog catalog) {
    public AppServices {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(disks, "disks");
        Objects.requireNonNull(starter, "starter");
        Objects.requireNonNull(catalog, "catalog");
    }

    public AppServices(VmLibrary library, VmHost host, TaskExecutor executor, DiskImages disks,
                       org.vmstation.app.gui.actions.VmStarter starter) {
        this(library, host, executor, disks, starter, new LibraryCatalog(library));
    }

    /** Services that start VMs through {@code host} alone (no 3-D backend); tests with a recording host use this. */
    public AppServices(VmLibrary library, VmHost host, TaskExecutor executor, DiskImages disks) {
        this(library, host, executor, disks, org.vmstation.app.gui.actions.VmStarter.direct(host));
    }

    /**
     * The application's services: starts go through {@link org.vmstation.app.EngineContext#start} exactly as
     * {@code vmstation start} does, and the new state is recorded in the library (last run) as the CLI records it.
     */
    public static AppServices of(org.vmstation.app.EngineContext engine, TaskExecutor executor) {
        return new AppServices(engine.library(), engine.host(), executor, QemuImgDisks.onPath(), vm -> {
            var outcome = engine.start(vm, org.vmstation.engine.runtime.StartOptions.defaults());
            try {
                engine.library().recordState(vm.id(), outcome.status().state(), java.time.Instant.now());
            } catch (org.vmstation.engine.library.LibraryException e) {
                // the VM runs; only its "last run" time is stale, which the next CLI or window read corrects
                System.getLogger(AppServices.class.getName()).log(System.Logger.Level.WARNING,
                        "recording the state of " + vm.name() + ": " + e.getMessage());
            }
            return outcome;
        });
    }

    public static AppServices of(VmLibrary library, VmHost host) {
        return new AppServices(library, host, new ThreadPoolTaskExecutor(), QemuImgDisks.onPath());
    }

    /** Imports into this library, converting disks with the host's qemu-img. */
    public org.vmstation.engine.importer.service.ImportService importService() {
        return new org.vmstation.engine.importer.service.ImportService(library, org.vmstation.engine.storage.QemuImg.locate());
    }
}
