package org.vmstation.app.gui;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.view.CloseRunningDialog;
import org.vmstation.app.gui.view.ConsoleProvider;
import org.vmstation.app.gui.view.MainWindow;

/** Entry point of the workstation window: {@code vmstation} with no subcommand, or {@code vmstation gui}. */
public final class WorkstationApp {
    private WorkstationApp() {}

    /**
     * Opens the window and returns when it is closed. Running VMs keep running unless the user chose otherwise
     * in the close dialog.
     *
     * @return the process exit code
     */
    public static int launch(String[] args, AppServices services) {
        return launch(services, org.vmstation.app.instance.LaunchRequest.of(List.of(args), null), null, null);
    }

    /**
     * Opens the window, carries out {@code request} in it, and from then on the requests of later launches that
     * {@code server} (null: none) receives. With {@code usb} (null: none) the window offers USB devices.
     *
     * @return the process exit code
     */
    public static int launch(AppServices services, org.vmstation.app.instance.LaunchRequest request,
                             org.vmstation.app.instance.InstanceServer server, org.vmstation.usb.service.UsbService usb) {
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<LibraryViewModel.Prepared> readAhead = new CompletableFuture<>();
        CountDownLatch toolkitUp = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.setImplicitExit(false);
        startupOrRunLater(() -> {
            toolkitUp.countDown();
            try {
                MainWindow window = open(new Stage(), services, Consoles.defaultProvider(), readAhead);
                window.usePreferences(org.vmstation.app.gui.prefs.PreferencesStore.forCurrentUser()
                        .withOpenLibrary(services.library().databaseFile()));
                // the host power policy runs while the window is open; its editor is Edit › Preferences › Power policy.
                // It and the demo check start after the first frame: their background work (reading the host's power
                // sources, the library) would otherwise compete with the window's first frame for the CPU
                window.afterFirstFrame(() -> org.vmstation.app.gui.view.PolicyEditorInstaller.install(window,
                        org.vmstation.engine.power.policy.PolicyRuleStore.besideLibrary(services.library().databaseFile())));
                window.stage().setOnHidden(e -> closed.countDown());
                if (usb != null) {
                    window.enableUsb(usb);
                    // only the window follows hotplug (rules connect devices as they are plugged in while it is
                    // open), from its first frame on: reading the USB ID database before that competes for the CPU
                    window.afterFirstFrame(() -> Thread.ofPlatform().daemon().name("vmstation-usb-watch").start(usb::startWatching));
                }
                window.afterFirstFrame(() -> DemoSetup.offerIfMissing(window, services.library()));
                LaunchRequests requests = new LaunchRequests(window);
                if (!request.isEmpty()) requests.handle(request);
                if (server != null) server.setHandler(r -> Platform.runLater(() -> requests.handle(r)));
            } catch (Throwable t) {
                failure.set(t);
                closed.countDown();
            }
        });
        warmUpWhileTheWindowIsBuilt(services, readAhead, toolkitUp);
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.executor().close();
        Platform.exit();
        if (failure.get() != null) {
            System.err.println("vmstation: could not open the window: " + failure.get());
            return 1;
        }
        return 0;
    }

    /**
     * While the JavaFX thread builds the window, this (the launching) thread does what the window will ask for, in
     * the order it asks: the OS presets (Jackson), the library's rows (SQLite) and, once the toolkit is up, the icon
     * font. Each step is optional: the window does it itself when it gets there first.
     */
    private static void warmUpWhileTheWindowIsBuilt(AppServices services, CompletableFuture<LibraryViewModel.Prepared> readAhead,
                                                    CountDownLatch toolkitUp) {
        try {
            org.vmstation.app.gui.wizard.OsPresets.bundled();
            readAhead.complete(LibraryViewModel.readAhead(services.catalog()));
            if (toolkitUp.await(30, java.util.concurrent.TimeUnit.SECONDS)) org.vmstation.app.gui.view.Icons.warmUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            readAhead.completeExceptionally(e); // the window reads the library itself and reports what fails
        }
    }

    /** Starts the toolkit with {@code first}, or queues it when a launcher started the toolkit already (GuiLauncher does, beside opening the library). */
    private static void startupOrRunLater(Runnable first) {
        try {
            Platform.startup(first);
        } catch (IllegalStateException toolkitStartedAlready) {
            Platform.runLater(first); // waits for a start still under way
        }
    }

    /**
     * Opens the library at {@code library} (null: the per-user default) with the local QEMU host and shows the
     * window; the engine is closed when the window closes.
     */
    public static int launch(java.nio.file.Path library, org.vmstation.app.instance.LaunchRequest request,
                             org.vmstation.app.instance.InstanceServer server) {
        try (org.vmstation.app.EngineContext engine = org.vmstation.app.EngineContext.open(library)) {
            return launch(AppServices.of(engine, new org.vmstation.app.gui.task.ThreadPoolTaskExecutor()), request, server, engine.usb());
        } catch (org.vmstation.engine.library.LibraryException e) {
            System.err.println("vmstation: " + e.getMessage());
            return 1;
        }
    }

    /** Builds and shows the window on {@code stage}; must run on the JavaFX thread. Tests call this directly. */
    public static MainWindow open(Stage stage, AppServices services, ConsoleProvider consoles) {
        return open(stage, services, consoles, null);
    }

    /** As {@link #open(Stage, AppServices, ConsoleProvider)}, with the library's rows from {@code readAhead} (see {@link LibraryViewModel#loadFirst}). */
    public static MainWindow open(Stage stage, AppServices services, ConsoleProvider consoles,
                                  CompletableFuture<LibraryViewModel.Prepared> readAhead) {
        MainWindow window = new MainWindow(stage, services.catalog(), services.host(), services.disks(), services.executor(), consoles);
        window.enableImport(services.importService());
        window.actions().setStarter(services.starter());
        stage.setOnCloseRequest(e -> onCloseRequest(window, e));
        window.show(readAhead);
        return window;
    }

    private static void onCloseRequest(MainWindow window, WindowEvent event) {
        List<VmItem> running = window.library().allItems().stream().filter(i -> i.state().isActive()).toList();
        if (running.isEmpty()) {
            window.dispose();
            return;
        }
        CloseRunningDialog.Choice choice = switch (window.preferences().get().closeBehaviour()) {
            case ASK -> CloseRunningDialog.ask(window.stage(), running.stream().map(VmItem::name).toList(),
                    new org.vmstation.app.gui.prefs.CloseQuestion(window.preferencesStore(), window.preferences().currentProperty()::set));
            case KEEP_RUNNING -> CloseRunningDialog.Choice.KEEP_RUNNING;
            case SUSPEND -> CloseRunningDialog.Choice.SUSPEND;
            case SHUT_DOWN -> CloseRunningDialog.Choice.SHUT_DOWN;
        };
        switch (choice) {
            case CANCEL -> event.consume();
            case KEEP_RUNNING -> window.dispose();
            case SUSPEND, SHUT_DOWN -> {
                // keep the window until the VMs have reacted, then close it for real
                event.consume();
                var host = window.host();
                window.executor().execute(BackgroundTask.ofRunnable(choice == CloseRunningDialog.Choice.SUSPEND
                                ? "Pausing running VMs" : "Shutting down running VMs", () -> {
                            for (VmItem vm : running) {
                                if (choice == CloseRunningDialog.Choice.SUSPEND) {
                                    if (vm.state() == org.vmstation.engine.runtime.VmState.RUNNING) host.pause(vm.definition());
                                } else if (!host.shutdown(vm.definition(), java.time.Duration.ofSeconds(30))) {
                                    host.powerOff(vm.definition());
                                }
                            }
                        })
                        .showInTaskPanel()
                        .onFailure(e -> window.notifications().error("Could not stop every VM", e))
                        .onFinally(() -> {
                            window.dispose();
                            window.stage().hide();
                        }));
            }
        }
    }
}
