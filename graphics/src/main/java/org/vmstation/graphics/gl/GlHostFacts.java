package org.vmstation.graphics.gl;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the 3-D decision depends on, as observed on one host with one QEMU binary. A plain record so the
 * decisions can be tested from recorded facts (with and without render node, with and without virglrenderer).
 *
 * @param qemuVersion      e.g. 7.2.22
 * @param virglDevices     which of virtio-vga-gl / virtio-gpu-gl this QEMU has (they exist only when QEMU was built
 *                         with virglrenderer)
 * @param venus            whether virtio-gpu-gl has the {@code venus} property (Vulkan through virglrenderer)
 * @param glDisplays       which of the OpenGL-capable display types QEMU was built with: egl-headless, dbus, gtk, sdl
 * @param renderNodes      the host's DRM render nodes and their drivers
 * @param graphicalDisplay the desktop QEMU's own window would open on, e.g. {@code DISPLAY=:0}; empty when none
 * @param headlessCheck    QEMU's own try of {@code -display egl-headless} on the first render node
 * @param windowCheck      QEMU's own try of {@code -display gtk,gl=on} on {@code graphicalDisplay}
 */
public record GlHostFacts(String qemuVersion, Set<String> virglDevices, boolean venus, Set<String> glDisplays,
                          List<RenderNode> renderNodes, String graphicalDisplay, QemuGlCheck headlessCheck,
                          QemuGlCheck windowCheck) {
    public static final String VGA_GL = "virtio-vga-gl";
    public static final String GPU_GL = "virtio-gpu-gl";
    /** The display types that can carry OpenGL, in the order they are listed. */
    public static final List<String> GL_DISPLAY_TYPES = List.of("egl-headless", "dbus", "gtk", "sdl");

    public GlHostFacts {
        qemuVersion = qemuVersion == null ? "" : qemuVersion;
        virglDevices = Set.copyOf(virglDevices);
        glDisplays = Set.copyOf(glDisplays);
        renderNodes = List.copyOf(renderNodes);
        graphicalDisplay = graphicalDisplay == null ? "" : graphicalDisplay;
        Objects.requireNonNull(headlessCheck, "headlessCheck");
        Objects.requireNonNull(windowCheck, "windowCheck");
    }

    /** QEMU was built with virglrenderer: the GL variant of the VGA adapter exists. */
    public boolean hasVirgl() { return virglDevices.contains(VGA_GL); }

    public boolean hasGraphicalDisplay() { return !graphicalDisplay.isEmpty(); }
}
