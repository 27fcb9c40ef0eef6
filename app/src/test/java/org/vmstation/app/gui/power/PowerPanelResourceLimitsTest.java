package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.resource.ResourceLimits;
import org.vmstation.engine.runtime.VmState;

/**
 * "Keep after restart" on the Power tab's resource controls, against a real library (SQLite): the CPU cap and the
 * disk limit are saved as the VM's settings only when asked, only values the next start accepts, and for a running VM
 * only once the VM took them; the balloon target is never saved.
 */
class PowerPanelResourceLimitsTest {
    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private VmLibrary library;
    private VmItem item;
    private PowerPanelViewModel panel;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private void show(PoweredVm v, VmState state) throws Exception {
        library = VmLibrary.open(dir.resolve("library.db"));
        open.add(library);
        item = new VmItem(library.add(v.vm));
        item.stateProperty().set(state);
        PowerSourceRunner runner = new PowerSourceRunner(d -> v.paths, new HostPowerReader(dir.resolve("none")), Duration.ofMillis(100),
                "the test window");
        open.add(runner);
        // as the window does (LibraryViewModel.replace): the item takes the saved definition
        panel = new PowerPanelViewModel(v.host, new LibraryCatalog(library), new DirectTaskExecutor(), runner, item::setDefinition);
        open.add(panel);
        panel.vmProperty().set(item);
    }

    /** What the library holds now, read back from the database. */
    private Map<String, String> savedSettings() throws Exception {
        return library.get(item.id()).definition().settings();
    }

    @Test
    void aStoppedVmKeepsTheCpuAndDiskLimitsOnlyWhenAskedAndNeverTheBalloon() throws Exception {
        show(PoweredVm.stopped(dir, true), VmState.STOPPED);

        panel.cpuLimitProperty().set("40");
        panel.applyCpuLimit();
        assertThat(panel.resourceResultProperty().get())
                .isEqualTo("The VM is not running: tick \"Keep after restart\" to save this limit for its next start.");
        assertThat(savedSettings()).doesNotContainKey(ResourceLimits.CPU_PERCENT);

        panel.keepLimitsProperty().set(true);
        panel.applyCpuLimit();
        assertThat(panel.resourceOkProperty().get()).isTrue();
        assertThat(panel.resourceResultProperty().get())
                .isEqualTo("CPU limited to 40 % of a host core from the next start (saved in the VM's settings).");
        assertThat(savedSettings()).containsEntry(ResourceLimits.CPU_PERCENT, "40");

        panel.diskLimitProperty().set("8");
        panel.applyDiskLimit();
        assertThat(savedSettings()).containsEntry(ResourceLimits.DISK_BPS, Long.toString(8L * 1024 * 1024))
                .as("the CPU cap saved before is still there").containsEntry(ResourceLimits.CPU_PERCENT, "40");

        panel.balloonProperty().set("100");
        panel.applyBalloon();
        assertThat(savedSettings()).doesNotContainKey(ResourceLimits.BALLOON_MIB);

        // a value the next start would refuse is not saved, and the reason is the start's own
        panel.cpuLimitProperty().set("500");
        panel.applyCpuLimit();
        assertThat(panel.resourceOkProperty().get()).isFalse();
        assertThat(panel.resourceResultProperty().get())
                .isEqualTo("Not changed: CPU limit 500 % is out of range: expected 1 to 100 % (100 % per virtual CPU).");
        assertThat(savedSettings()).containsEntry(ResourceLimits.CPU_PERCENT, "40");

        // empty / 0 lift the limits, in the settings too
        panel.cpuLimitProperty().set("");
        panel.applyCpuLimit();
        panel.diskLimitProperty().set("0");
        panel.applyDiskLimit();
        assertThat(panel.resourceResultProperty().get()).isEqualTo("Disk limits lifted from the next start (saved in the VM's settings).");
        assertThat(savedSettings()).doesNotContainKeys(ResourceLimits.CPU_PERCENT, ResourceLimits.DISK_BPS);
    }

    @Test
    void aLiveChangeTheRunningVmRefusedIsNotKept() throws Exception {
        // power files but no QEMU: the monitor is not there, so the disk limit cannot be applied
        show(PoweredVm.start(dir, "microvm", b -> { }), VmState.RUNNING);
        panel.keepLimitsProperty().set(true);
        panel.diskLimitProperty().set("8");
        panel.applyDiskLimit();
        assertThat(panel.resourceOkProperty().get()).isFalse();
        assertThat(panel.resourceResultProperty().get()).startsWith("Could not change it: ").endsWith(" Nothing was saved.");
        assertThat(savedSettings()).doesNotContainKey(ResourceLimits.DISK_BPS);
    }

    @Test
    void keepingIsAskedForEachVm() throws Exception {
        show(PoweredVm.stopped(dir, true), VmState.STOPPED);
        panel.keepLimitsProperty().set(true);
        VmItem other = new VmItem(library.add(PoweredVm.stopped(Files.createDirectories(dir.resolve("other")), true).vm.withName("desk 2")));
        other.stateProperty().set(VmState.STOPPED);
        panel.vmProperty().set(other);
        assertThat(panel.keepLimitsProperty().get()).isFalse();
    }
}
