package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe's decisions from recorded host facts: with and without render node, virglrenderer, desktop. */
class GlCapabilityDeciderTest {
    @Test
    void noRenderNodeAndNoDesktopLeavesOnlyOff() {
        GlCapabilities caps = GlCapabilityDecider.decide(RecordedHosts.ciWithoutDesktop());
        assertThat(caps.availability(ThreeDMode.EMBEDDED).available()).isFalse();
        assertThat(caps.availability(ThreeDMode.EMBEDDED).explanation()).isEqualTo("no render node: this host has no GPU driver loaded");
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).available()).isFalse();
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).explanation()).startsWith("no graphical display for QEMU's own GL window");
        assertThat(caps.availability(ThreeDMode.OFF).available()).isTrue();
        assertThat(caps.features()).containsExactly("OpenGL");
    }

    @Test
    void aDesktopWithOpenGlOffersTheSeparateWindow() {
        GlCapabilities caps = GlCapabilityDecider.decide(RecordedHosts.ciUnderXvfb());
        ModeAvailability window = caps.availability(ThreeDMode.SEPARATE_WINDOW);
        assertThat(window.available()).isTrue();
        assertThat(window.qemuDisplay()).isEqualTo("gtk,gl=on");
        assertThat(window.explanation()).contains("DISPLAY=:99");
        assertThat(caps.availability(ThreeDMode.EMBEDDED).available()).isFalse();
    }

    @Test
    void aRenderNodeOffersEmbeddedOnThatNode() {
        GlCapabilities caps = GlCapabilityDecider.decide(RecordedHosts.intelDesktop());
        ModeAvailability embedded = caps.availability(ThreeDMode.EMBEDDED);
        assertThat(embedded.available()).isTrue();
        assertThat(embedded.qemuDisplay()).isEqualTo("egl-headless,rendernode=/dev/dri/renderD128");
        assertThat(embedded.explanation()).contains("/dev/dri/renderD128 (i915)");
        assertThat(caps.features()).containsExactly("OpenGL", "Vulkan (Venus)");
    }

    @Test
    void aRenderNodeQemuCannotOpenIsExplainedWithQemusWords() {
        ModeAvailability embedded = GlCapabilityDecider.decide(RecordedHosts.nodeWithoutPermission()).availability(ThreeDMode.EMBEDDED);
        assertThat(embedded.available()).isFalse();
        assertThat(embedded.explanation()).isEqualTo("QEMU could not render on /dev/dri/renderD128 (i915): egl: rendernode init failed");
    }

    @Test
    void qemuWithoutVirglrendererOffersNoThreeDAtAll() {
        GlCapabilities caps = GlCapabilityDecider.decide(RecordedHosts.qemuWithoutVirgl());
        for (ThreeDMode m : List.of(ThreeDMode.EMBEDDED, ThreeDMode.SEPARATE_WINDOW)) {
            assertThat(caps.availability(m).available()).isFalse();
            assertThat(caps.availability(m).explanation()).isEqualTo("QEMU 8.2.2 built without virglrenderer (it has no virtio-vga-gl device)");
        }
        assertThat(caps.features()).isEmpty();
        assertThat(caps.describe()).contains("devices:         none (QEMU built without virglrenderer)");
    }

    @Test
    void aDesktopWithoutOpenGlIsExplained() {
        ModeAvailability window = GlCapabilityDecider.decide(RecordedHosts.desktopWithoutGl()).availability(ThreeDMode.SEPARATE_WINDOW);
        assertThat(window.available()).isFalse();
        assertThat(window.explanation()).isEqualTo("QEMU's GTK window has no OpenGL on DISPLAY=:5: OpenGL is not supported by the display");
    }

    @Test
    void sdlOnlyQemuOffersAnUncheckedSdlWindow() {
        GlHostFacts f = new GlHostFacts("7.2.22", RecordedHosts.VIRGL, false, Set.of("sdl"), List.of(), "DISPLAY=:0",
                QemuGlCheck.notTried(), QemuGlCheck.notTried());
        GlCapabilities caps = GlCapabilityDecider.decide(f);
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).qemuDisplay()).isEqualTo("sdl,gl=on");
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).explanation()).contains("checked only when the VM starts");
        assertThat(caps.availability(ThreeDMode.EMBEDDED).explanation()).isEqualTo("QEMU built without the egl-headless display");
    }

    @Test
    void describeSaysWhyAGpuLessHostHasNoRenderNode() {
        List<String> lines = GlCapabilityDecider.decide(RecordedHosts.ciUnderXvfb()).describe();
        assertThat(lines).contains("render nodes:    none (no GPU driver loaded: /dev/dri has no renderD* node)",
                "mode embedded in the console: unavailable - no render node: this host has no GPU driver loaded");
    }

    @Test
    void describeListsFactsAndEveryMode() {
        List<String> lines = GlCapabilityDecider.decide(RecordedHosts.intelDesktop()).describe();
        assertThat(lines).contains("devices:         virtio-gpu-gl, virtio-vga-gl", "virgl features:  OpenGL, Vulkan (Venus)",
                "GL displays:     egl-headless, dbus, gtk, sdl", "render nodes:    /dev/dri/renderD128 (i915)",
                "desktop:         WAYLAND_DISPLAY=wayland-0");
        assertThat(lines).filteredOn(l -> l.startsWith("mode ")).containsExactly(
                "mode embedded in the console: available - rendered on /dev/dri/renderD128 (i915) and shown in the console",
                "mode separate window: available - QEMU's own GTK window with OpenGL on WAYLAND_DISPLAY=wayland-0",
                "mode off: available - a 2-D adapter; the guest draws OpenGL in software");
    }
}
