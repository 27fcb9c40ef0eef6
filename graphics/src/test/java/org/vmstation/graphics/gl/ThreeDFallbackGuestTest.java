package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * A GL backend that cannot work here: the 3-D backend is told (falsely) that this host has an Intel render
 * node, so the real QEMU is started with {@code egl-headless} on a node that does not exist and exits. The VM
 * must still start, without 3-D, and the outcome must say what failed.
 */
@Tag("guest")
class ThreeDFallbackGuestTest {
    @TempDir static Path folders;
    static LocalQemuHost host;
    static GlDisplayBackend gl;
    static VmDefinition vm;

    @BeforeAll
    static void setUp() throws Exception {
        GlHostFacts pretendGpu = new GlHostFacts("7.2.22", RecordedHosts.VIRGL, false, RecordedHosts.DEBIAN_DISPLAYS,
                List.of(RecordedHosts.INTEL), "", QemuGlCheck.passed(), QemuGlCheck.notTried());
        gl = new GlDisplayBackend(q -> GlCapabilityDecider.decide(pretendGpu));
        host = GlGuests.host(folders, gl);
        vm = GlGuests.demo("gl-fallback", DisplaySpec.Acceleration3d.ON);
    }

    @AfterAll
    static void tearDown() {
        try { if (host.status(vm).state().isActive()) host.powerOff(vm); } catch (Exception ignored) { /* cleanup */ }
        host.close();
    }

    @Test
    void aGlStartFailureRestartsTheVmWithoutThreeDAndSaysWhy() throws Exception {
        ThreeDFallbackStarter.Outcome outcome;
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
            outcome = new ThreeDFallbackStarter(host, gl).start(vm, StartOptions.defaults());
            assertThat(outcome.status().state()).isEqualTo(VmState.RUNNING);
            ready.future().get(120, TimeUnit.SECONDS);
        }
        assertThat(outcome.fellBack()).isTrue();
        assertThat(outcome.message())
                .startsWith("3-D acceleration (embedded in the console, -display egl-headless,rendernode=/dev/dri/renderD128) failed to start: ")
                .contains("render node")
                .endsWith("VMStation started VM 'gl-fallback' without 3-D.");
        assertThat(outcome.startedAs().display().acceleration3d()).isEqualTo(DisplaySpec.Acceleration3d.OFF);
        assertThat(outcome.decision().mode()).isEqualTo(ThreeDMode.OFF);
        // The log holds both starts: the failed GL one, then the 2-D one that runs now.
        String log = Files.readString(host.paths(vm).qemuLog());
        int second = log.lastIndexOf("=== ");
        assertThat(log.substring(0, second)).contains("virtio-vga-gl,id=video0").contains("egl");
        assertThat(log.substring(second)).contains("virtio-vga,id=video0").doesNotContain("virtio-vga-gl");
        assertThat(Files.readString(host.paths(vm).serialLog())).doesNotContain(GlGuests.GUEST_VIRGL);
        assertThat(GlGuests.consoleShowsText(host.paths(vm).vncSocket(), Duration.ofSeconds(30)).nonBlackPixels()).isGreaterThan(2000);
    }

    @Test
    void onlyGlFailuresAreRetried() {
        assertThat(ThreeDFallbackStarter.GL_FAILURE.matcher("egl: render node init failed").find()).isTrue();
        assertThat(ThreeDFallbackStarter.GL_FAILURE.matcher("OpenGL is not supported by the display").find()).isTrue();
        assertThat(ThreeDFallbackStarter.GL_FAILURE.matcher("Could not initialize SDL(x11 not available) - exiting").find()).isTrue();
        assertThat(ThreeDFallbackStarter.GL_FAILURE.matcher("Failed to get \"write\" lock. Is another process using the image [disk.qcow2]?").find()).isFalse();
        assertThat(ThreeDFallbackStarter.GL_FAILURE.matcher("Could not open 'boot/vmlinuz': No such file or directory").find()).isFalse();
    }
}
