package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.GlGuestImageLocator;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * What the guest's OpenGL actually is, in separate-window mode on this GPU-less host (the JVM under xvfb-run,
 * whose Mesa llvmpipe gives QEMU's GTK window OpenGL): the OpenGL guest started as the app starts VMs (3-D
 * backend, mode resolver, fallback starter) with 3-D on reports Mesa's virgl driver; the same guest with 3-D off
 * reports Mesa's software llvmpipe inside the guest. Both frame rates of kmscube are printed, not asserted: this
 * is a shared 2-core CI machine (bench-3d.sh compares them properly).
 */
@Tag("guest")
@Tag("gui")
class GuestRendererGuestTest {
    static final int SECONDS = 15;
    @TempDir static Path folders;
    static GuestImage glGuest;
    static GlDisplayBackend gl;
    static LocalQemuHost host;
    VmDefinition running;

    @BeforeAll
    static void setUp() throws Exception {
        glGuest = new GlGuestImageLocator().ensure(System.err::println);
        gl = new GlDisplayBackend();
        host = GlGuests.host(folders, gl);
    }

    @AfterEach
    void stop() {
        try { if (running != null && host.status(running).state().isActive()) host.powerOff(running); } catch (Exception ignored) { /* cleanup */ }
    }

    @Test
    void withThreeDOnTheGuestRendersThroughVirglAndWithoutItInSoftware() throws Exception {
        assertThat(System.getenv("DISPLAY")).as("QEMU's GL window needs an X display: run the tests under xvfb-run (scripts/test.sh does)")
                .isNotBlank();

        VmDefinition on = GlGuests.glGuest("gl-renderer-virgl", DisplaySpec.Acceleration3d.ON, glGuest, GlGuestImageLocator.Workload.CUBE, SECONDS);
        ThreeDFallbackStarter.Outcome started = start(on);
        assertThat(started.fellBack()).as(started.message()).isFalse();
        assertThat(started.decision().mode()).as(started.decision().explanation()).isEqualTo(ThreeDMode.SEPARATE_WINDOW);
        GuestGlReport virgl = runUntilReported(on);

        VmDefinition off = GlGuests.glGuest("gl-renderer-software", DisplaySpec.Acceleration3d.OFF, glGuest, GlGuestImageLocator.Workload.CUBE, SECONDS);
        started = start(off);
        assertThat(started.decision().mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(Files.readString(host.paths(off).qemuLog())).contains("virtio-vga,id=video0").doesNotContain("virtio-vga-gl");
        GuestGlReport software = runUntilReported(off);

        System.out.println("GL guest, kmscube cube for " + SECONDS + " s: 3-D on (separate window, virgl): " + virgl.rate()
                + "; 3-D off (llvmpipe in the guest): " + software.rate());
        assertThat(virgl.renderer()).as("Mesa's driver in the guest with virtio-vga-gl").startsWith("virgl");
        assertThat(virgl.frames()).as("frames drawn through virgl").isPositive();
        assertThat(software.renderer()).as("Mesa's driver in the guest with the 2-D adapter").startsWith("llvmpipe");
    }

    private ThreeDFallbackStarter.Outcome start(VmDefinition vm) throws Exception {
        running = vm;
        ThreeDFallbackStarter.Outcome outcome = new ThreeDFallbackStarter(host, gl).start(vm, StartOptions.defaults());
        assertThat(outcome.status().state()).isEqualTo(VmState.RUNNING);
        return outcome;
    }

    /** Waits for the guest's GL report, then powers the VM off (one guest at a time on this machine). */
    private GuestGlReport runUntilReported(VmDefinition vm) throws Exception {
        Path serial = host.paths(vm).serialLog();
        try (SerialMarkerWatcher done = SerialMarkerWatcher.start(serial, GlGuestImageLocator.END_MARKER)) {
            done.future().get(SECONDS + 360, TimeUnit.SECONDS);
        }
        GuestGlReport report = GuestGlReport.parse(Files.readString(serial));
        host.powerOff(vm);
        running = null;
        return report;
    }
}
