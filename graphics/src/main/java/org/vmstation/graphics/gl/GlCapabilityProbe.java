package org.vmstation.graphics.gl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.ProcessRunner;
import org.vmstation.engine.qemu.QemuCapabilities;

/**
 * Finds out which 3-D modes this host and QEMU binary offer. The QEMU build facts (devices, display types) come
 * from the engine's {@link CapabilityProbe}, which caches them on disk per binary; this class adds what only a
 * run of QEMU or a look at the host tells: the {@code venus} property, the render nodes and their drivers, and
 * whether QEMU's own OpenGL set-up works on them and on the desktop. The answer is cached in memory per binary
 * and host state (render nodes, desktop), since a desktop or a GPU driver can come and go between runs.
 */
public final class GlCapabilityProbe {
    static final Duration HELP_TIMEOUT = Duration.ofSeconds(20);
    static final Duration GL_CHECK_TIMEOUT = Duration.ofSeconds(20);
    /** egl-headless opens its render node only after the devices exist: a run that lives this long got past it. */
    static final Duration HEADLESS_SURVIVAL = Duration.ofSeconds(3);
    /** A device name no QEMU has: QEMU stops at it right after its display's early (OpenGL) set-up. */
    static final String NO_SUCH_DEVICE = "vmstation-gl-probe";

    private static final GlCapabilityProbe THIS_HOST =
            new GlCapabilityProbe(ProcessRunner.system(), RenderNodeScanner.forThisHost(), System.getenv());

    private record Key(String binary, long size, long modified, List<RenderNode> nodes, String desktop) {}

    private final ProcessRunner runner;
    private final RenderNodeScanner scanner;
    private final Map<String, String> env;
    private final Map<Key, GlCapabilities> cache = new ConcurrentHashMap<>();

    /**
     * @param env the environment QEMU will see (DISPLAY, WAYLAND_DISPLAY); the runner must pass the same one
     */
    public GlCapabilityProbe(ProcessRunner runner, RenderNodeScanner scanner, Map<String, String> env) {
        this.runner = runner;
        this.scanner = scanner;
        this.env = Map.copyOf(env);
    }

    /** The shared probe of this host: real processes, /dev/dri, this process's environment. */
    public static GlCapabilityProbe forThisHost() { return THIS_HOST; }

    /** The 3-D capabilities of the QEMU at {@code binary}, probing its build through the engine's cached probe. */
    public GlCapabilities capabilities(Path binary) { return capabilities(CapabilityProbe.probe(binary)); }

    /** The 3-D capabilities for an already probed QEMU; cached while the binary, render nodes and desktop stay the same. */
    public GlCapabilities capabilities(QemuCapabilities qemu) {
        List<RenderNode> nodes = scanner.scan();
        Key key = key(qemu.binary(), nodes, desktop());
        if (key == null) return GlCapabilityDecider.decide(facts(qemu, nodes));
        return cache.computeIfAbsent(key, k -> GlCapabilityDecider.decide(facts(qemu, nodes)));
    }

    /** Probes again, ignoring the cache (for "refresh" in the settings). */
    public GlCapabilities fresh(QemuCapabilities qemu) {
        List<RenderNode> nodes = scanner.scan();
        GlCapabilities caps = GlCapabilityDecider.decide(facts(qemu, nodes));
        Key key = key(qemu.binary(), nodes, desktop());
        if (key != null) cache.put(key, caps);
        return caps;
    }

    GlHostFacts facts(QemuCapabilities qemu, List<RenderNode> nodes) {
        Set<String> virgl = new LinkedHashSet<>();
        for (String d : List.of(GlHostFacts.VGA_GL, GlHostFacts.GPU_GL)) if (qemu.hasDevice(d)) virgl.add(d);
        Set<String> displays = new LinkedHashSet<>();
        for (String d : GlHostFacts.GL_DISPLAY_TYPES) if (qemu.displays().contains(d)) displays.add(d);
        boolean venus = virgl.contains(GlHostFacts.GPU_GL) && hasVenusProperty(qemu.binary());
        String desktop = desktop();
        QemuGlCheck headless = QemuGlCheck.notTried();
        if (!virgl.isEmpty() && !nodes.isEmpty() && displays.contains("egl-headless")) {
            headless = displays.contains("dbus") ? earlyCheck(qemu.binary(), "dbus,gl=on,rendernode=" + nodes.getFirst().device())
                    : headlessSurvives(qemu.binary(), nodes.getFirst().device());
        }
        QemuGlCheck window = QemuGlCheck.notTried();
        if (!virgl.isEmpty() && !desktop.isEmpty() && displays.contains("gtk")) window = earlyCheck(qemu.binary(), "gtk,gl=on");
        return new GlHostFacts(qemu.version(), virgl, venus, displays, nodes, desktop, headless, window);
    }

    /** {@code DISPLAY=:0} or {@code WAYLAND_DISPLAY=wayland-0}: the desktop QEMU's window would open on; empty when none. */
    String desktop() {
        List<String> parts = new ArrayList<>();
        for (String var : List.of("WAYLAND_DISPLAY", "DISPLAY")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) parts.add(var + "=" + v.strip());
        }
        return String.join(", ", parts);
    }

    private boolean hasVenusProperty(Path binary) {
        try {
            ProcessRunner.Result r = runner.run(List.of(binary.toString(), "-device", GlHostFacts.GPU_GL + ",help"), HELP_TIMEOUT);
            return r.ok() && r.stdout().lines().anyMatch(l -> l.strip().startsWith("venus="));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs QEMU with {@code display} and a device that does not exist: if QEMU complains about the device, its
     * display's OpenGL set-up (which comes first) passed; anything else it says is why it failed.
     */
    QemuGlCheck earlyCheck(Path binary, String display) {
        List<String> cmd = List.of(binary.toString(), "-machine", "none", "-nodefaults", "-display", display, "-device", NO_SUCH_DEVICE);
        ProcessRunner.Result r;
        try {
            r = runner.run(cmd, GL_CHECK_TIMEOUT);
        } catch (IOException e) {
            return QemuGlCheck.failed("QEMU did not answer: " + e.getMessage());
        }
        if (r.stderr().contains("'" + NO_SUCH_DEVICE + "'")) return QemuGlCheck.passed();
        return QemuGlCheck.failed(qemuWords(r.stderr(), r.exitCode()));
    }

    /** Without the D-Bus display, only a run of egl-headless that stays up shows its render node works. */
    private QemuGlCheck headlessSurvives(Path binary, Path node) {
        List<String> cmd = List.of(binary.toString(), "-machine", "none", "-nodefaults", "-S", "-display", "egl-headless,rendernode=" + node);
        try {
            ProcessRunner.Result r = runner.run(cmd, HEADLESS_SURVIVAL);
            return QemuGlCheck.failed(qemuWords(r.stderr(), r.exitCode()));
        } catch (IOException e) {
            // The runner stops a command that outlives its timeout: QEMU was up and rendering.
            return e.getMessage() != null && e.getMessage().contains("did not finish") ? QemuGlCheck.passed()
                    : QemuGlCheck.failed("QEMU did not start: " + e.getMessage());
        }
    }

    /** QEMU's error lines without its program-name prefix, at most three of them. */
    static String qemuWords(String stderr, int exitCode) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.lines().toList()) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            int colon = l.indexOf(": ");
            if (l.startsWith("qemu") && colon > 0 && colon < 40) l = l.substring(colon + 2);
            lines.add(l);
        }
        if (lines.isEmpty()) return "QEMU exited with code " + exitCode + " and said nothing";
        return String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static Key key(Path binary, List<RenderNode> nodes, String desktop) {
        try {
            Path real = binary.toRealPath();
            return new Key(real.toString(), Files.size(real), Files.getLastModifiedTime(real).toMillis(), nodes, desktop);
        } catch (IOException e) {
            return null; // a binary we cannot stat is probed every time
        }
    }
}
