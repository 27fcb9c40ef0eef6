package org.vmstation.graphics.gl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.LogTail;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.engine.runtime.VmStatus;

/**
 * Starts VMs so that 3-D never keeps one from starting: when a start with a GL mode fails and QEMU's words are
 * about OpenGL (EGL, the render node, the GL window), the VM is started again with 3-D off and the outcome says
 * what failed. Other failures (a disk in use, a missing file) are thrown unchanged.
 */
public final class ThreeDFallbackStarter {
    /** QEMU's words when its OpenGL output fails: egl-headless, gtk/sdl with gl=on, virglrenderer. */
    static final Pattern GL_FAILURE = Pattern.compile(
            "\\begl\\b|opengl|\\bgl\\b|gl=on|virgl|render ?node|\\bgtk\\b|\\bsdl\\b|x11|wayland|cannot open display|virtio-(vga|gpu)-gl",
            Pattern.CASE_INSENSITIVE);
    private static final int LOG_LINES = 30;

    /**
     * How a start went.
     *
     * @param startedAs the definition QEMU runs: the VM itself, or a copy with 3-D off after a fallback
     * @param decision  the 3-D mode the running VM has
     * @param message   for the user: why 3-D failed and that the VM runs without it, or why 3-D set to On is not
     *                  available; empty when there is nothing to say
     */
    public record Outcome(VmStatus status, VmDefinition startedAs, ThreeDDecision decision, boolean fellBack, String message) {}

    private final VmHost host;
    private final GlDisplayBackend backend;

    /** @param backend the 3-D backend registered with {@code host} */
    public ThreeDFallbackStarter(VmHost host, GlDisplayBackend backend) {
        this.host = Objects.requireNonNull(host, "host");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public Outcome start(VmDefinition vm, StartOptions options) throws VmOperationException {
        VmStatus status;
        try {
            status = host.start(vm, options);
        } catch (VmOperationException e) {
            ThreeDDecision tried = backend.lastDecision(vm.id()).orElse(null);
            String glError = tried != null && tried.accelerated() ? glFailure(e, vm) : null;
            if (glError == null) throw e;
            VmDefinition flat = withoutThreeD(vm);
            VmStatus retried = host.start(flat, options);
            ThreeDDecision now = backend.lastDecision(vm.id()).orElse(
                    new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off", false));
            String message = "3-D acceleration (" + tried.mode().label() + ", -display " + tried.qemuDisplay() + ") failed to start: "
                    + glError + ". VMStation started VM '" + vm.name() + "' without 3-D.";
            return new Outcome(retried, flat, now, true, message);
        }
        ThreeDDecision decision = backend.lastDecision(vm.id()).orElse(new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off", false));
        return new Outcome(status, vm, decision, false, decision.settingUnmet() ? decision.explanation() : "");
    }

    static VmDefinition withoutThreeD(VmDefinition vm) {
        return vm.toBuilder().display(new DisplaySpec(vm.display().adapter(), DisplaySpec.Acceleration3d.OFF)).build();
    }

    /** QEMU's OpenGL complaint from the error and the log of this start, or null when the failure is not about GL. */
    private String glFailure(VmOperationException e, VmDefinition vm) {
        if (e.reason() != VmOperationException.Reason.QEMU_FAILED && e.reason() != VmOperationException.Reason.TIMEOUT) return null;
        List<String> evidence = new ArrayList<>();
        for (String line : logOfLastStart(vm)) {
            if (GL_FAILURE.matcher(line).find() && !line.startsWith("=== ")) evidence.add(stripQemuPrefix(line));
        }
        if (evidence.isEmpty() && e.getMessage() != null && GL_FAILURE.matcher(e.getMessage()).find()) evidence.add(e.getMessage());
        if (evidence.isEmpty()) return null;
        return String.join("; ", evidence.subList(Math.max(0, evidence.size() - 3), evidence.size()));
    }

    private List<String> logOfLastStart(VmDefinition vm) {
        List<String> since = new ArrayList<>();
        try {
            for (String line : LogTail.lastLines(host.paths(vm).qemuLog(), LOG_LINES)) {
                if (line.startsWith("=== ")) since.clear(); else since.add(line.strip());
            }
        } catch (RuntimeException ignored) {
            // A host without local logs (remote) only has the exception's message.
        }
        return since;
    }

    private static String stripQemuPrefix(String line) {
        String l = line.replaceFirst("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z?\\s+", ""); // -msg timestamp=on
        int colon = l.indexOf(": ");
        if (l.toLowerCase(Locale.ROOT).startsWith("qemu") && colon > 0 && colon < 40) l = l.substring(colon + 2);
        return l;
    }
}
