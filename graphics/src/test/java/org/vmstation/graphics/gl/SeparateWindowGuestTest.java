package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;

/**
 * Separate-window mode on this GPU-less host: the JVM runs under Xvfb (scripts/test.sh uses xvfb-run), whose
 * Mesa llvmpipe gives QEMU's GTK window OpenGL. The guest's virtio-gpu driver must report virgl, and the console
 * (VNC) must still show the guest's screen.
 */
@Tag("guest")
@Tag("gui")
class SeparateWindowGuestTest {
    @TempDir static Path folders;
    static LocalQemuHost host;
    static GlDisplayBackend gl;
    static VmDefinition vm;

    @BeforeAll
    static void setUp() throws Exception {
        gl = new GlDisplayBackend();
        host = GlGuests.host(folders, gl);
        vm = GlGuests.demo("gl-window", DisplaySpec.Acceleration3d.AUTO);
    }

    @AfterAll
    static void tearDown() {
        try { if (host.status(vm).state().isActive()) host.powerOff(vm); } catch (Exception ignored) { /* cleanup */ }
        host.close();
    }

    @Test
    void autoChoosesQemusGlWindowTheGuestSeesVirglAndTheConsoleExplainsWhereTheScreenIs() throws Exception {
        assertThat(System.getenv("DISPLAY")).as("QEMU's GL window needs an X display: run the tests under xvfb-run (scripts/test.sh does)")
                .isNotBlank();
        ThreeDFallbackStarter.Outcome outcome;
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
            outcome = new ThreeDFallbackStarter(host, gl).start(vm, StartOptions.defaults());
            assertThat(outcome.fellBack()).as(outcome.message()).isFalse();
            assertThat(outcome.status().state()).isEqualTo(VmState.RUNNING);
            ready.future().get(120, TimeUnit.SECONDS);
        }
        assertThat(outcome.decision().mode()).as(outcome.decision().explanation()).isEqualTo(ThreeDMode.SEPARATE_WINDOW);
        assertThat(outcome.decision().explanation()).startsWith("Auto chose separate window")
                .contains("no render node: this host has no GPU driver loaded");
        assertThat(Files.readString(host.paths(vm).qemuLog())).contains("virtio-vga-gl,id=video0").contains("-display gtk,gl=on");
        assertThat(Files.readString(host.paths(vm).serialLog())).as("the guest kernel's virtio-gpu driver").contains(GlGuests.GUEST_VIRGL);

        JsonNode display = host.withControl(vm, c -> c.command("query-display-options", Map.of()));
        assertThat(display.path("type").asText()).isEqualTo("gtk");
        assertThat(display.path("gl").asText()).isEqualTo("on");

        // The console still connects and follows the guest's mode, but QEMU sends OpenGL scanouts only to its
        // own window, so the console tab shows the note instead of a black screen.
        try (RfbSession session = RfbClient.connect(host.paths(vm).vncSocket(), RfbClientOptions.defaults())) {
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(30))).isTrue();
            assertThat(session.framebufferSize().width()).isPositive();
            session.snapshot().writePng(Path.of("target", "gl-separate-window-vnc.png"));
        }
        assertThat(outcome.decision().consoleNote(vm.name())).contains("QEMU's own window \"QEMU (gl-window)\"");
    }
}
