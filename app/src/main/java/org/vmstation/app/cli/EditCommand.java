package org.vmstation.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.osinfo.RecordedOs;
import org.vmstation.engine.storage.QemuImg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "edit", description = "Change a stopped VM's definition (only the options given change).")
final class EditCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--rename", paramLabel = "NEWNAME", description = "Give the VM a new name.") String rename;
    @Mixin DefinitionOptions options;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            if (Cli.refresh(ctx, entry).state().isActive()) {
                throw new CliException(ExitCodes.WRONG_STATE, "VM '" + entry.name() + "' is running: stop it before editing its hardware");
            }
            VmDefinition current = entry.definition();
            VmDefinition.Builder b = current.toBuilder();
            if (rename != null) b.name(rename);
            Path newDisk = null;
            try {
                if (options.newDiskBytes() > 0) {
                    Path folder = ctx.library().vmFolder(entry.id());
                    Files.createDirectories(folder);
                    int n = current.disks().size();
                    while (Files.exists(folder.resolve("disk" + n + ".qcow2"))) n++;
                    newDisk = folder.resolve("disk" + n + ".qcow2");
                    QemuImg.locate().create(newDisk, DiskFormat.QCOW2, options.newDiskBytes());
                }
                options.applyTo(b, current, newDisk == null ? null : newDisk.getFileName().toString());
                // `--os` to another type forgets the exact OS recorded for the old one, as the window's Settings do
                VmDefinition edited = RecordedOs.afterEdit(current, b.build());
                ctx.library().update(edited);
                root.spec.commandLine().getOut().printf("Updated VM '%s'.%n", edited.name());
                root.spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (VmValidationException e) {
                deleteQuietly(newDisk);
                throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
            } catch (LibraryException | IOException e) {
                deleteQuietly(newDisk);
                throw new CliException(ExitCodes.ERROR, "Could not edit VM '" + entry.name() + "': " + e.getMessage(), e);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
    }
}
