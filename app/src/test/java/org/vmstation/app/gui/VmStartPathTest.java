package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.actions.VmAction;
import org.vmstation.app.gui.actions.VmActionsViewModel;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.Notification;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;
import org.vmstation.graphics.gl.ThreeDDecision;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;
import org.vmstation.graphics.gl.ThreeDMode;

/** Start from the window goes through the application's starter (the engine's 3-D fallback), not the host directly. */
class VmStartPathTest {
    @TempDir Path dir;

    @Test
    void startUsesTheStarterAndReportsAThreeDFallback() {
        RecordingHost host = new RecordingHost(dir);
        LibraryViewModel library = new LibraryViewModel(null, new DirectTaskExecutor());
        library.merge(List.of(TestVms.entry("gl box", "debian", VmState.STOPPED, List.of(), "", Instant.now(), null)));
        VmItem item = library.allItems().getFirst();
        NotificationCenter notifications = new NotificationCenter();
        VmActionsViewModel actions = new VmActionsViewModel(host, null, new DirectTaskExecutor(), library, notifications);
        ThreeDDecision off = new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off in this VM's settings", false);
        actions.setStarter(vm -> {
            VmStatus s = host.start(vm, StartOptions.defaults());
            return new ThreeDFallbackStarter.Outcome(s, vm, off, true, "3-D acceleration (separate window, -display gtk,gl=on) failed to start: "
                    + "gtk initialization failed. VMStation started VM 'gl box' without 3-D.");
        });
        actions.selection().setAll(item);
        assertThat(actions.isEnabled(VmAction.START)).isTrue();

        actions.perform(VmAction.START);

        assertThat(host.calls).containsExactly("start gl box");
        assertThat(item.state()).isEqualTo(VmState.RUNNING);
        assertThat(actions.startOutcomes().get(item.id()).fellBack()).isTrue();
        Notification n = notifications.notifications().getLast();
        assertThat(n.kind()).isEqualTo(Notification.Kind.WARNING);
        assertThat(n.title()).isEqualTo("3-D failed for gl box");
        assertThat(n.message()).contains("gtk initialization failed");
    }

    @Test
    void withoutAStarterTheHostStartsTheVmAndThreeDIsReportedOff() {
        RecordingHost host = new RecordingHost(dir);
        LibraryViewModel library = new LibraryViewModel(null, new DirectTaskExecutor());
        library.merge(List.of(TestVms.entry("plain", "debian", VmState.STOPPED, List.of(), "", Instant.now(), null)));
        VmItem item = library.allItems().getFirst();
        NotificationCenter notifications = new NotificationCenter();
        VmActionsViewModel actions = new VmActionsViewModel(host, null, new DirectTaskExecutor(), library, notifications);
        actions.selection().setAll(item);

        actions.perform(VmAction.START);

        assertThat(host.calls).containsExactly("start plain");
        assertThat(actions.startOutcomes().get(item.id()).decision().mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(notifications.notifications()).isEmpty();
    }
}
