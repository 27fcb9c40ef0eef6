package org.vmstation.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.importer.service.ImportOptions;
import org.vmstation.engine.importer.service.ImportPreview;
import org.vmstation.engine.importer.service.ImportProgress;
import org.vmstation.engine.importer.service.ImportResult;
import org.vmstation.engine.importer.service.ImportService;
import org.vmstation.engine.importer.service.PreparedVm;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", description = {
        "Import VMs made elsewhere: OVF/OVA, VMware .vmx, VirtualBox .vbox, libvirt XML, Xen config, Parallels .pvm, UTM .utm,",
        "Quickemu .conf or a bare disk image. Prints what will be created and everything changed or dropped; disks are",
        "converted to qcow2 in the new VM's folder. All or nothing: a failed or interrupted import leaves nothing behind."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files or bundle folders to import.") List<Path> files;
    @Option(names = "--name", paramLabel = "NAME", description = "Name for the new VM (with one FILE).") String name;
    @Option(names = "--dry-run", description = "Only print what would be created; write nothing.") boolean dryRun;
    @Option(names = "--json", description = "Print the mapping and warnings as JSON.") boolean json;
    @Option(names = "--drop-missing-disks", description = "Import without disk images that are missing (each reported) instead of refusing.")
    boolean dropMissingDisks;
    @Option(names = "--accept-manifest-mismatch", description = "Go on when an OVF manifest digest does not match (reported).")
    boolean acceptManifestMismatch;

    @Override
    public Integer call() {
        if (name != null && files.size() > 1) throw new CliException(ExitCodes.USAGE, "--name needs exactly one FILE; " + files.size() + " were given");
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        try (EngineContext ctx = Cli.open(root.library)) {
            ImportService service = new ImportService(ctx.library(), QemuImg.locate());
            List<ImportPreview> previews = new ArrayList<>();
            for (Path f : files) previews.add(prepare(service, f));
            List<Map<String, Object>> reports = new ArrayList<>();
            for (ImportPreview p : previews) {
                List<VmEntry> created = dryRun ? List.of() : run(service, p, err);
                if (json) reports.add(report(p, created));
                else print(out, p, created);
            }
            if (json) Cli.printJson(out, reports.size() == 1 ? reports.getFirst() : reports);
            out.flush();
            return ExitCodes.OK;
        }
    }

    private ImportPreview prepare(ImportService service, Path file) {
        if (!Files.exists(file)) throw new CliException(ExitCodes.NOT_FOUND, file + " does not exist");
        try {
            ImportPlan plan = ImporterRegistry.standard(acceptManifestMismatch).read(file);
            if (ImportService.isInstallerIso(plan)) {
                VmDefinition d = ImportService.wizardDefinition(plan);
                throw new CliException(ExitCodes.INVALID, file + " is an installer ISO, not a VM; create a VM that boots it with: vmstation create \""
                        + d.name() + "\" --iso \"" + file.toAbsolutePath() + "\" --os " + d.osType() + " --firmware "
                        + d.firmware().name().toLowerCase(java.util.Locale.ROOT) + " --disk-size 20G");
            }
            return service.prepare(plan, new ImportOptions(name, dropMissingDisks));
        } catch (ImportException e) {
            throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
        }
    }

    /** Runs the import with a progress bar on stderr; Ctrl+C cancels it and waits for the clean-up. */
    private static List<VmEntry> run(ImportService service, ImportPreview preview, PrintWriter err) {
        CancellationToken cancel = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "import-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressBar bar = new ProgressBar(err);
        try {
            ImportResult r = service.run(preview, bar::show, cancel);
            bar.end();
            return r.created();
        } catch (ImportException e) {
            bar.end();
            throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
        } catch (CancellationException e) {
            bar.end();
            throw new CliException(ExitCodes.ERROR, "import of " + preview.plan().source() + " was cancelled; nothing was kept", e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the latch counted down above
            }
        }
    }

    private void print(PrintWriter out, ImportPreview p, List<VmEntry> created) {
        out.printf("%s: %s%n", p.plan().source(), p.plan().format());
        for (int i = 0; i < p.vms().size(); i++) {
            PreparedVm vm = p.vms().get(i);
            VmDefinition d = vm.definition();
            out.printf("%s VM '%s'%s%n", dryRun ? "Would create" : "Created", d.name(),
                    created.isEmpty() ? "" : " (" + created.get(i).id() + ")");
            out.printf("  Source:     %s%n", vm.source().details().sourceFormat());
            out.printf("  OS:         %s%s%n", d.osType(), vm.source().details().sourceOsId().isEmpty() ? "" : " (source: " + vm.source().details().sourceOsId() + ")");
            out.printf("  Firmware:   %s, machine %s%n", d.firmware(), d.machineType());
            out.printf("  CPUs:       %d%n", d.cpus());
            out.printf("  Memory:     %d MiB%n", d.memoryMiB());
            for (int k = 0; k < vm.disks().size(); k++) {
                SourceDisk sd = vm.disks().get(k);
                DiskSpec ds = d.disks().get(k);
                out.printf("  Disk %d:     %s (%s) → %s (qcow2, %s)%n", k + 1, sd.sourceDisplayPath(), sd.format().qemuName(), ds.path(), ds.bus());
            }
            for (CdromSpec c : d.cdroms()) out.printf("  CD-ROM:     %s (%s)%n", c.isoPath() == null ? "(empty)" : c.isoPath(), c.bus());
            out.printf("  Network:    %s%s%s%n", d.network().mode(), d.network().mode() == org.vmstation.engine.model.NetworkSpec.Mode.NAT
                    ? " (" + d.network().model() + ")" : "", d.network().macAddress() == null ? "" : ", MAC " + d.network().macAddress());
            out.printf("  Boot order: %s%n", d.bootOrder());
            for (ImportWarning w : vm.warnings()) out.printf("  %-8s %s: %s%n", label(w), w.subject(), w.message());
        }
        for (ImportWarning w : p.warnings()) out.printf("%-8s %s: %s%n", label(w), w.subject(), w.message());
        if (p.bytesToRead() > 0) out.printf("Disk data to convert: %s%n", human(p.bytesToRead()));
    }

    private static String label(ImportWarning w) {
        return switch (w.kind()) {
            case CHANGED -> "changed";
            case DROPPED -> "dropped";
            case INFO -> "note";
        };
    }

    private Map<String, Object> report(ImportPreview p, List<VmEntry> created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", p.plan().source().toString());
        m.put("format", p.plan().format());
        m.put("dryRun", dryRun);
        m.put("bytesToConvert", p.bytesToRead());
        List<Object> vms = new ArrayList<>();
        for (int i = 0; i < p.vms().size(); i++) {
            PreparedVm vm = p.vms().get(i);
            VmDefinition d = vm.definition();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", d.name());
            if (!created.isEmpty()) v.put("id", created.get(i).id());
            v.put("sourceFormat", vm.source().details().sourceFormat());
            v.put("osType", d.osType());
            v.put("firmware", d.firmware().name().toLowerCase(java.util.Locale.ROOT));
            v.put("cpus", d.cpus());
            v.put("memoryMiB", d.memoryMiB());
            List<Object> disks = new ArrayList<>();
            for (int k = 0; k < vm.disks().size(); k++) {
                Map<String, Object> dk = new LinkedHashMap<>();
                dk.put("source", vm.disks().get(k).sourceDisplayPath());
                dk.put("sourceFormat", vm.disks().get(k).format().qemuName());
                dk.put("target", d.disks().get(k).path());
                dk.put("bus", d.disks().get(k).bus().name().toLowerCase(java.util.Locale.ROOT));
                disks.add(dk);
            }
            v.put("disks", disks);
            v.put("cdroms", d.cdroms().stream().map(c -> c.isoPath() == null ? "" : c.isoPath()).toList());
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("mode", d.network().mode().name().toLowerCase(java.util.Locale.ROOT));
            net.put("model", d.network().model());
            net.put("mac", d.network().macAddress());
            v.put("network", net);
            v.put("warnings", warnings(vm.warnings()));
            vms.add(v);
        }
        m.put("vms", vms);
        m.put("warnings", warnings(p.warnings()));
        return m;
    }

    private static List<Object> warnings(List<ImportWarning> ws) {
        List<Object> out = new ArrayList<>();
        for (ImportWarning w : ws) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", label(w));
            m.put("subject", w.subject());
            m.put("message", w.message());
            out.add(m);
        }
        return out;
    }

    /** Bytes for people: 512 B, 1.5 MiB, 2.0 GiB. */
    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A one-line bar redrawn with \r, at most every 200 ms, ended with a newline. */
    static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private long lastDraw;
        private boolean drawn;

        ProgressBar(PrintWriter err) { this.err = err; }

        synchronized void show(ImportProgress p) {
            long now = System.nanoTime();
            if (drawn && p.fraction() < 1.0 && now - lastDraw < 200_000_000L) return;
            lastDraw = now;
            drawn = true;
            int filled = (int) Math.round(p.fraction() * WIDTH);
            String eta = p.remaining() == null ? "" : "  " + eta(p.remaining()) + " left";
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format("%3d%%", Math.round(p.fraction() * 100))
                    + (p.bytesTotal() > 0 ? "  " + human(p.bytesDone()) + " of " + human(p.bytesTotal()) : "") + eta + "  " + p.step() + "   ");
            err.flush();
        }

        synchronized void end() {
            if (drawn) err.println();
            err.flush();
        }

        static String eta(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
        }
    }
}
