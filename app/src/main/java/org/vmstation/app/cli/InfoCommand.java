package org.vmstation.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.graphics.gl.GlCapabilities;
import org.vmstation.graphics.gl.GlCapabilityProbe;
import org.vmstation.graphics.gl.ModeAvailability;
import org.vmstation.graphics.gl.RenderNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "info", description = "Show what this host offers: QEMU, accelerator, library and runtime folders.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Option(names = "--json", description = "Print JSON for scripts.") boolean json;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            QemuCapabilities caps;
            try {
                caps = ctx.capabilities();
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.QEMU_FAILED, e.getMessage(), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vmstation", VersionProvider.vmstationVersion());
            m.put("qemuBinary", caps.binary().toString());
            m.put("qemuVersion", caps.version());
            m.put("qemuPackage", caps.packageInfo());
            m.put("accelerator", caps.usableAccelerator());
            m.put("acceleratorReason", caps.acceleratorReason());
            m.put("acceleratorsCompiledIn", caps.accelerators());
            m.put("displays", new TreeSet<>(caps.displays()));
            m.put("q35", caps.hasMachine("q35"));
            m.put("library", ctx.library().root().toString());
            m.put("runtimeFolder", RuntimeDirectory.forCurrentUser().base().toString());
            m.put("vms", ctx.library().list().size());
            GlCapabilities gl = GlCapabilityProbe.forThisHost().capabilities(caps);
            m.put("threeD", threeD(gl));
            var out = root.spec.commandLine().getOut();
            if (json) {
                Cli.printJson(out, m);
            } else {
                out.printf("VMStation   %s%n", m.get("vmstation"));
                out.printf("QEMU        %s at %s (%s)%n", caps.version(), caps.binary(), caps.packageInfo());
                out.printf("Accelerator %s: %s%n", caps.usableAccelerator(), caps.acceleratorReason());
                out.printf("Displays    %s%n", String.join(", ", new TreeSet<>(caps.displays())));
                out.printf("Library     %s (%d VMs)%n", ctx.library().root(), ctx.library().list().size());
                out.printf("Runtime     %s%n", m.get("runtimeFolder"));
                for (String line : gl.describe()) out.printf("3-D         %s%n", line);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** The 3-D capabilities for --json: the facts and each mode with its reason. */
    private static Map<String, Object> threeD(GlCapabilities gl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", new TreeSet<>(gl.facts().virglDevices()));
        m.put("features", gl.features());
        m.put("glDisplays", new TreeSet<>(gl.facts().glDisplays()));
        m.put("renderNodes", gl.facts().renderNodes().stream().map(RenderNode::toString).toList());
        m.put("desktop", gl.facts().graphicalDisplay());
        List<Map<String, Object>> modes = new ArrayList<>();
        for (ModeAvailability a : gl.modes()) {
            Map<String, Object> mode = new LinkedHashMap<>();
            mode.put("mode", a.mode().name());
            mode.put("available", a.available());
            mode.put("qemuDisplay", a.qemuDisplay());
            mode.put("explanation", a.explanation());
            modes.add(mode);
        }
        m.put("modes", modes);
        return m;
    }
}
