package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstation.engine.runtime.VmState.CRASHED;
import static org.vmstation.engine.runtime.VmState.PAUSED;
import static org.vmstation.engine.runtime.VmState.RUNNING;
import static org.vmstation.engine.runtime.VmState.STOPPED;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstation.app.gui.actions.VmAction;

class VmActionTest {
    @Test
    void nothingAppliesToAnEmptySelection() {
        for (VmAction a : VmAction.values()) {
            assertThat(a.appliesTo(List.of())).as(a.name()).isFalse();
            assertThat(a.whyDisabled(List.of())).isEqualTo("Select a VM first");
        }
    }

    @Test
    void stoppedVmCanStartBeEditedAndDeletedOnly() {
        List<VmAction> enabled = java.util.Arrays.stream(VmAction.values()).filter(a -> a.appliesTo(List.of(STOPPED))).toList();
        assertThat(enabled).containsExactly(VmAction.START, VmAction.SETTINGS, VmAction.DELETE);
    }

    @Test
    void runningVmCanBePausedShutDownPoweredOffResetButNotDeleted() {
        List<VmAction> enabled = java.util.Arrays.stream(VmAction.values()).filter(a -> a.appliesTo(List.of(RUNNING))).toList();
        assertThat(enabled).containsExactly(VmAction.PAUSE, VmAction.SHUT_DOWN, VmAction.POWER_OFF, VmAction.RESET, VmAction.SETTINGS);
        assertThat(VmAction.DELETE.whyDisabled(List.of(RUNNING))).isEqualTo("Stop the VM before deleting it");
    }

    @Test
    void pausedVmResumes() {
        assertThat(VmAction.RESUME.appliesTo(List.of(PAUSED))).isTrue();
        assertThat(VmAction.PAUSE.appliesTo(List.of(PAUSED))).isFalse();
    }

    @Test
    void multiSelectionNeedsEveryVmToFit() {
        assertThat(VmAction.START.appliesTo(List.of(STOPPED, CRASHED))).isTrue();
        assertThat(VmAction.START.appliesTo(List.of(STOPPED, RUNNING))).isFalse();
        assertThat(VmAction.DELETE.appliesTo(List.of(STOPPED, STOPPED))).isTrue();
        assertThat(VmAction.SETTINGS.appliesTo(List.of(STOPPED, STOPPED))).isFalse();
        assertThat(VmAction.SETTINGS.whyDisabled(List.of(STOPPED, STOPPED))).contains("one VM at a time");
    }
}
