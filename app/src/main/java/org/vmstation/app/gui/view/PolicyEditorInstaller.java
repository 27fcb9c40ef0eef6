package org.vmstation.app.gui.view;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.control.Tab;
import javafx.stage.WindowEvent;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.policy.HostPolicyService;
import org.vmstation.app.gui.policy.PolicyEditorViewModel;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.host.HostPowerSources;
import org.vmstation.engine.power.host.HostPowerSupply;
import org.vmstation.engine.power.policy.PolicyListener;
import org.vmstation.engine.power.policy.PolicyRuleStore;
import org.vmstation.engine.power.policy.VmHostActuator;

/**
 * Runs the host power policy while the window is open and adds its editor to Edit › Preferences as
 * "Power policy". The foreground VM (for "background VMs") is the one selected in the library. The policy
 * starts off the JavaFX thread (finding UPower may take a moment) and stops when the window closes, lifting
 * what it did.
 */
public final class PolicyEditorInstaller {
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private PolicyEditorInstaller() {}

    public static void install(MainWindow window, PolicyRuleStore store) {
        install(window, store, HostPowerSources::detect);
    }

    /** As {@link #install(MainWindow, PolicyRuleStore)}, reading the host through {@code supply} (called off the JavaFX thread). */
    public static void install(MainWindow window, PolicyRuleStore store, Supplier<HostPowerSupply> supply) {
        AtomicReference<String> foreground = new AtomicReference<>();
        window.libraryView().list().getSelectionModel().selectedItemProperty()
                .addListener((o, was, now) -> foreground.set(now == null ? null : now.id()));
        AtomicReference<HostPolicyService> running = new AtomicReference<>();
        window.executor().execute(BackgroundTask.of("Start the host power policy", p -> HostPolicyService.start(store,
                        supply.get(), new VmHostActuator(window.host(), () -> definitions(window)),
                        () -> Optional.ofNullable(foreground.get()), POLL))
                .onSuccess(service -> {
                    running.set(service);
                    service.engine().addListener(new PolicyListener() {
                        @Override public void logChanged(List<org.vmstation.engine.power.policy.AppliedAction> log) { }
                        @Override public void warning(String title, String message) {
                            window.executor().runOnUiThread(() -> window.notifications().warning(title, message, "See Edit › Preferences › Power policy."));
                        }
                    });
                    if (!service.loadProblem().isEmpty()) {
                        window.notifications().warning("The power policy rules could not be read", service.loadProblem(),
                                "Fix the file or save the rules again in Edit › Preferences › Power policy.");
                    }
                    PolicyEditorViewModel vm = new PolicyEditorViewModel(service, window.executor(), ZoneId.systemDefault());
                    window.addPreferencesTab(() -> {
                        Tab tab = new Tab("Power policy", new PolicyEditorView(vm));
                        tab.setId("prefs-tab-power-policy");
                        return tab;
                    });
                }));
        window.stage().addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            HostPolicyService service = running.getAndSet(null);
            if (service == null) return;
            // lifting the policy's pauses talks to QEMU: not on the JavaFX thread; the process ends with System.exit
            // soon after the window closes, so a shutdown hook waits (a while) for the pauses to be lifted
            Thread stop = new Thread(service::close, "host-power-policy-stop");
            stop.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop.join(STOP_WAIT.toMillis());
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }, "host-power-policy-stop-wait"));
        });
    }

    private static List<VmDefinition> definitions(MainWindow window) throws Exception {
        List<VmDefinition> out = new ArrayList<>();
        for (VmEntry e : window.catalog().list()) out.add(e.definition());
        return out;
    }
}
