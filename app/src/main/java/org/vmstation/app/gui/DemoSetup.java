package org.vmstation.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vmstation.app.DemoVm;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.Notification;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.KernelBoot;

/**
 * First run: a library without the demo VM gets one, built in the background with its progress in the task
 * panel, and the window selects it when it is ready. A library whose demo VM was deleted on purpose is left
 * alone: a marker file beside the database remembers that the demo was created once.
 */
public final class DemoSetup {
    /** Beside the library database; its presence means "the demo was offered already". */
    static final String MARKER = ".demo-created";

    private DemoSetup() {}

    /** Checks (off the UI thread) whether the demo is needed and creates it; must be called on the UI thread. */
    public static void offerIfMissing(MainWindow window, VmLibrary library) {
        window.executor().execute(BackgroundTask.of("Checking for the demo VM", p -> needsDemo(library))
                .onSuccess(needed -> { if (needed) create(window, library); })
                .onFailure(e -> { /* a library that cannot be read is reported by the library list already */ }));
    }

    /**
     * True when the library has no demo VM and never had one, or when its demo points at a guest image that is
     * gone (the cache was cleaned or the recipe changed).
     */
    static boolean needsDemo(VmLibrary library) {
        Optional<VmEntry> demo = library.list().stream().filter(e -> e.definition().tags().contains(DemoVm.TAG)).findFirst();
        if (demo.isPresent()) {
            KernelBoot kb = demo.get().definition().kernelBoot();
            return kb != null && !Files.isRegularFile(Path.of(kb.kernelPath()));
        }
        return !Files.exists(marker(library));
    }

    /** Builds the guest if needed and adds (or repairs) the demo VM, then selects it. */
    public static void create(MainWindow window, VmLibrary library) {
        window.executor().execute(BackgroundTask.of("Preparing the demo VM", p -> {
                    p.update(0, 0, "Looking for the demo guest");
                    VmEntry entry = DemoVm.ensure(library, message -> p.update(0, 0, message));
                    writeMarker(library);
                    return new Created(entry, library.list());
                })
                .showInTaskPanel()
                .onSuccess(created -> {
                    window.library().merge(created.library());
                    VmItem item = window.library().find(created.demo().id());
                    if (item == null) return;
                    var list = window.libraryView().list();
                    list.getSelectionModel().clearSelection();
                    list.getSelectionModel().select(item);
                    list.scrollTo(item);
                    window.notifications().info("The demo VM is ready",
                            "Select " + item.name() + " and press Start to boot a tiny Linux guest.");
                })
                .onFailure(e -> window.notifications().post(failure(e))));
    }

    static Notification failure(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new Notification(Notification.Kind.ERROR, "Could not prepare the demo VM", message,
                "The demo guest is built from Debian packages: check the internet connection, then run "
                        + "`vmstation demo` in a terminal to retry and see every step. You can create your own VM with New VM meanwhile.");
    }

    private static Path marker(VmLibrary library) { return library.root().resolve(MARKER); }

    private static void writeMarker(VmLibrary library) {
        try {
            Files.writeString(marker(library), "The demo VM was created in this library; VMStation does not add it again.\n");
        } catch (IOException e) {
            // only means the demo may be offered again next time
            System.getLogger(DemoSetup.class.getName()).log(System.Logger.Level.WARNING, "cannot write " + marker(library) + ": " + e.getMessage());
        }
    }

    private record Created(VmEntry demo, List<VmEntry> library) {}
}
