package org.vmstation.graphics.gl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What 3-D acceleration this host and QEMU offer: the observed facts and, for each mode, whether it can be used
 * and why not. Made by {@link GlCapabilityDecider}; shown by {@code vmstation info} and the VM settings.
 *
 * @param modes one entry per {@link ThreeDMode}, in the enum's order (best first)
 */
public record GlCapabilities(GlHostFacts facts, List<ModeAvailability> modes) {
    public GlCapabilities {
        Objects.requireNonNull(facts, "facts");
        modes = List.copyOf(modes);
        for (ThreeDMode m : ThreeDMode.values()) {
            if (modes.stream().noneMatch(a -> a.mode() == m)) throw new IllegalArgumentException("no availability for mode " + m);
        }
    }

    public ModeAvailability availability(ThreeDMode mode) {
        return modes.stream().filter(a -> a.mode() == mode).findFirst().orElseThrow();
    }

    /** The renderer features QEMU's virglrenderer offers: "OpenGL", and "Vulkan (Venus)" on newer builds. */
    public List<String> features() {
        List<String> f = new ArrayList<>();
        if (facts.hasVirgl()) f.add("OpenGL");
        if (facts.hasVirgl() && facts.venus()) f.add("Vulkan (Venus)");
        return f;
    }

    /** Lines for a terminal, e.g. {@code vmstation info}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        String devices = facts.virglDevices().isEmpty() ? "none (QEMU built without virglrenderer)"
                : facts.virglDevices().stream().sorted().collect(Collectors.joining(", "));
        lines.add("devices:         " + devices);
        lines.add("virgl features:  " + (features().isEmpty() ? "none" : String.join(", ", features()))
                + (facts.hasVirgl() && !facts.venus() ? " (no Venus/Vulkan in this QEMU)" : ""));
        String displays = GlHostFacts.GL_DISPLAY_TYPES.stream().filter(facts.glDisplays()::contains).collect(Collectors.joining(", "));
        lines.add("GL displays:     " + (displays.isEmpty() ? "none" : displays));
        lines.add("render nodes:    " + (facts.renderNodes().isEmpty() ? "none (no GPU driver loaded: /dev/dri has no renderD* node)"
                : facts.renderNodes().stream().map(RenderNode::toString).collect(Collectors.joining(", "))));
        lines.add("desktop:         " + (facts.hasGraphicalDisplay() ? facts.graphicalDisplay() : "none (DISPLAY and WAYLAND_DISPLAY are not set)"));
        for (ModeAvailability a : modes) {
            lines.add("mode " + a.mode().label() + ": " + (a.available() ? "available" : "unavailable") + " - " + a.explanation());
        }
        return lines;
    }
}
