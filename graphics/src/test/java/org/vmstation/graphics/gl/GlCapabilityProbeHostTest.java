package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.ProcessRunner;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;

/**
 * The real probe of this machine (the GPU-less CI host: Debian's QEMU 7.2 with virglrenderer, no /dev/dri):
 * embedded is unavailable for want of a render node, and the separate window is available exactly when there
 * is a desktop with OpenGL — checked by QEMU itself against a private Xvfb.
 */
class GlCapabilityProbeHostTest {
    static QemuCapabilities qemu;

    @BeforeAll
    static void probeQemu() {
        qemu = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
    }

    @Test
    void withoutADesktopOnlyOffIsAvailable() {
        GlCapabilityProbe probe = new GlCapabilityProbe(new EnvironmentRunner(Map.of()), RenderNodeScanner.forThisHost(), Map.of());
        GlCapabilities caps = probe.capabilities(qemu);
        assertThat(caps.facts().virglDevices()).as("Debian's QEMU is built with virglrenderer").contains("virtio-vga-gl", "virtio-gpu-gl");
        assertThat(caps.facts().renderNodes()).as("this CI machine has no GPU").isEmpty();
        assertThat(caps.availability(ThreeDMode.EMBEDDED).available()).isFalse();
        assertThat(caps.availability(ThreeDMode.EMBEDDED).explanation()).isEqualTo("no render node: this host has no GPU driver loaded");
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).available()).isFalse();
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).explanation()).startsWith("no graphical display for QEMU's own GL window");
        assertThat(caps.facts().windowCheck().outcome()).isEqualTo(QemuGlCheck.Outcome.NOT_TRIED);
    }

    @Test
    @Tag("gui")
    void underXvfbWithMesaTheSeparateWindowIsAvailableAndTheAnswerIsCached() throws Exception {
        try (Xvfb x = Xvfb.start()) {
            CountingRunner runner = new CountingRunner(new EnvironmentRunner(Map.of("DISPLAY", x.display())));
            GlCapabilityProbe probe = new GlCapabilityProbe(runner, RenderNodeScanner.forThisHost(), Map.of("DISPLAY", x.display()));
            GlCapabilities caps = probe.capabilities(qemu);
            assertThat(caps.facts().windowCheck().outcome()).as(caps.facts().windowCheck().detail()).isEqualTo(QemuGlCheck.Outcome.PASSED);
            ModeAvailability window = caps.availability(ThreeDMode.SEPARATE_WINDOW);
            assertThat(window.available()).isTrue();
            assertThat(window.qemuDisplay()).isEqualTo("gtk,gl=on");
            assertThat(window.explanation()).contains("DISPLAY=" + x.display());
            assertThat(caps.availability(ThreeDMode.EMBEDDED).available()).isFalse();
            int runs = runner.count;
            assertThat(runs).isPositive();
            assertThat(probe.capabilities(qemu)).isEqualTo(caps);
            assertThat(runner.count).as("second call answered from the cache").isEqualTo(runs);
        }
    }

    @Test
    @Tag("gui")
    void anXServerThatIsGoneIsExplainedWithQemusWords() {
        // DISPLAY names a server that does not exist: QEMU's own GTK/EGL set-up fails and says so.
        Map<String, String> env = Map.of("DISPLAY", ":399");
        GlCapabilityProbe probe = new GlCapabilityProbe(new EnvironmentRunner(env), RenderNodeScanner.forThisHost(), env);
        ModeAvailability window = probe.capabilities(qemu).availability(ThreeDMode.SEPARATE_WINDOW);
        assertThat(window.available()).isFalse();
        assertThat(window.explanation()).startsWith("QEMU's GTK window has no OpenGL on DISPLAY=:399: ");
    }

    @Test
    void earlyCheckRecognisesQemuStoppingAtTheUnknownDevice() {
        GlCapabilityProbe probe = new GlCapabilityProbe(ProcessRunner.system(), RenderNodeScanner.forThisHost(), Map.of());
        // -display none has no OpenGL set-up at all, so QEMU goes straight on to the device and stops there.
        assertThat(probe.earlyCheck(qemu.binary(), "none").hasPassed()).isTrue();
        // The D-Bus display opens its render node early: on this GPU-less host that fails, in QEMU's words.
        QemuGlCheck bad = probe.earlyCheck(qemu.binary(), "dbus,gl=on");
        assertThat(bad.hasFailed()).isTrue();
        assertThat(bad.detail()).contains("render node").doesNotContain("qemu-system");
    }

    static final class CountingRunner implements ProcessRunner {
        final ProcessRunner inner;
        int count;

        CountingRunner(ProcessRunner inner) { this.inner = inner; }

        @Override
        public Result run(java.util.List<String> command, java.time.Duration timeout) throws java.io.IOException {
            count++;
            return inner.run(command, timeout);
        }
    }
}
