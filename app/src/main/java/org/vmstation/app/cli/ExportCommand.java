package org.vmstation.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.export.ExportResult;
import org.vmstation.engine.export.OvaExporter;
import org.vmstation.engine.importer.service.ImportProgress;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", description = {
        "Export a stopped VM as an OVA (OVF 1.0, streamOptimized VMDK disks, SHA-256 manifest) that VirtualBox,",
        "VMware and VMStation import. Existing files are never overwritten."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(index = "0", paramLabel = "NAME", description = "VM name or id") String name;
    @Parameters(index = "1", paramLabel = "FILE.ova", description = "The archive to write") Path file;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ova")) {
            throw new CliException(ExitCodes.USAGE, file + ": the export file name must end in .ova");
        }
        if (Files.exists(file)) throw new CliException(ExitCodes.ERROR, file + " already exists; choose another name (nothing is overwritten)");
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            VmStatus status = Cli.refresh(ctx, entry);
            if (status.state() != VmState.STOPPED && status.state() != VmState.CRASHED) {
                throw new CliException(ExitCodes.WRONG_STATE, "VM '" + entry.name() + "' is " + status.state().name().toLowerCase(Locale.ROOT)
                        + "; shut it down before exporting so its disks are consistent");
            }
            ImportCommand.ProgressBar bar = new ImportCommand.ProgressBar(err);
            CancellationToken cancel = new CancellationToken();
            Thread hook = new Thread(cancel::cancel, "export-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ExportResult r = new OvaExporter(QemuImg.locate()).export(entry.definition(), ctx.library().vmFolder(entry.id()), file,
                        f -> bar.show(new ImportProgress(f, "Exporting '" + entry.name() + "'", 0, 0, null)), cancel);
                bar.end();
                out.printf("Exported VM '%s' to %s (%s).%n", entry.name(), r.ova(), ImportCommand.human(r.bytes()));
                for (String note : r.notes()) out.printf("note: %s%n", note);
                out.flush();
                return ExitCodes.OK;
            } catch (IOException e) {
                bar.end();
                throw new CliException(ExitCodes.ERROR, "Could not export VM '" + entry.name() + "': " + e.getMessage(), e);
            } catch (CancellationException e) {
                bar.end();
                throw new CliException(ExitCodes.ERROR, "export of '" + entry.name() + "' was cancelled; no file was written", e);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // already running: it only sets the cancel flag
                }
            }
        }
    }
}
