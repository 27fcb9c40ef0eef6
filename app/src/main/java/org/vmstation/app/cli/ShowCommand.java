package org.vmstation.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.DefinitionCodec;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.osinfo.RecordedOs;
import org.vmstation.engine.runtime.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", description = "Show one VM's definition and state.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME", description = "VM name or id") String name;
    @Option(names = "--json", description = "Print JSON: the state plus the full definition.") boolean json;

    @Override
    public Integer call() throws Exception {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            VmStatus status = Cli.refresh(ctx, entry);
            var out = root.spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = VmSummary.of(entry, status);
                m.put("definition", Cli.JSON.readTree(DefinitionCodec.toJson(entry.definition())));
                m.put("folder", ctx.library().vmFolder(entry.id()).toString());
                Cli.printJson(out, m);
                return ExitCodes.OK;
            }
            VmDefinition d = entry.definition();
            out.printf("Name:       %s%n", d.name());
            out.printf("State:      %s%s%n", ListCommand.stateName(status), status.detail().isEmpty() ? "" : " (" + status.detail() + ")");
            out.printf("OS:         %s%n", RecordedOs.of(d)
                    .map(os -> os.name() + " (type " + d.osType() + (os.shortId().isEmpty() ? "" : ", osinfo " + os.shortId()) + ")")
                    .orElse(d.osType()));
            out.printf("Firmware:   %s, machine %s%n", d.firmware(), d.machineType());
            out.printf("CPUs:       %d%n", d.cpus());
            out.printf("Memory:     %d MiB%n", d.memoryMiB());
            for (DiskSpec disk : d.disks()) out.printf("Disk:       %s (%s, %s%s)%n", disk.path(), disk.format().qemuName(), disk.bus(), disk.readOnly() ? ", read-only" : "");
            d.cdroms().forEach(c -> out.printf("CD-ROM:     %s%n", c.isoPath() == null ? "(empty)" : c.isoPath()));
            if (d.kernelBoot() != null) {
                out.printf("Kernel:     %s%n", d.kernelBoot().kernelPath());
                if (d.kernelBoot().initrdPath() != null) out.printf("Initrd:     %s%n", d.kernelBoot().initrdPath());
                out.printf("Cmdline:    %s%n", d.kernelBoot().commandLine());
            }
            out.printf("Boot order: %s%n", d.bootOrder());
            out.printf("Network:    %s (%s)%n", d.network().mode(), d.network().model());
            for (PortForward f : d.network().forwards()) out.printf("Forward:    %s%n", f);
            out.printf("Display:    %s, 3-D %s%n", d.display().adapter(), d.display().acceleration3d());
            out.printf("Tags:       %s%n", String.join(", ", d.tags()));
            out.printf("Folder:     %s%n", ctx.library().vmFolder(entry.id()));
            if (!status.lastLogLines().isEmpty()) {
                out.println("Last QEMU log lines:");
                status.lastLogLines().forEach(l -> out.println("  " + l));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
