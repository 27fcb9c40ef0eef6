package org.vmstation.app.gui;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.setImplicitExit(false);
        startupOrRunLater(() -> {
            try {
                MainWindow window = open(new Stage(), services, Consoles.defaultProvider());
                window.usePreferences(org.vmstation.app.gui.prefs.PreferencesStore.forCurrentUser()
                        .withOpenLibrary(services.library().databaseFile()));
                // the host power policy runs while the window is open; its editor is Edit › Preferences › Power policy.
                // It and the demo check start after the first frame: their background work (reading the host's power
                // sources, the library) would otherwise compete with the window's first frame for the CPU
                window.afterFirstFrame(() -> org.vmstation.app.gui.view.PolicyEditorInstaller.install(window,
                        org.vmstation.engine.power.policy.PolicyRuleStore.besideLibrary(services.library().databaseFile())));
                window.stage().setOnHidden(e -> closed.countDown());
                if (usb != null) window.enableUsb(usb);
                window.afterFirstFrame(() -> DemoSetup.offerIfMissing(window, services.library()));
                LaunchRequests requests = new LaunchRequests(window);
                if (!request.isEmpty()) requests.handle(request);
                if (server != null) server.setHandler(r -> Platform.runLater(() -> requests.handle(r)));
            } catch (Throwable t) {
                failure.set(t);
                closed.countDown();
            }
        });
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
            // only the window follows hotplug: rules connect devices as they are plugged in while it is open. Started
            // beside the window, not before it: it reads the USB ID database, a third of the start before the toolkit
            Thread.ofPlatform().daemon().name("vmstation-usb-watch").start(engine.usb()::startWatching);
            return launch(AppServices.of(engine, new org.vmstation.app.gui.task.ThreadPoolTaskExecutor()), request, server, engine.usb());
        } catch (org.vmstation.engine.library.LibraryException e) {
            System.err.println("vmstation: " + e.getMessage());
            return 1;
        }
    }

    /** Builds and shows the window on {@code stage}; must run on the JavaFX thread. Tests call this directly. */
    public static MainWindow open(Stage stage, AppServices services, ConsoleProvider consoles) {
        MainWindow window = new MainWindow(stage, services.catalog(), services.host(), services.disks(), services.executor(), consoles);
        window.enableImport(services.importService());
        window.actions().setStarter(services.starter());
        stage.setOnCloseRequest(e -> onCloseRequest(window, e));
        window.show();
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
