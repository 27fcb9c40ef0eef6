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
import org.vmstation.engine.storage.QemuImg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", description = "Create a VM in the library.")
final class CreateCommand implements Callable<Integer> {
    static final String NEW_DISK = "disk0.qcow2";

    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Mixin DefinitionOptions options;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmDefinition.Builder b = VmDefinition.builder(name).memoryMiB(1024).cpus(1);
            VmDefinition draft = b.build();
            Path folder = ctx.library().vmFolder(draft.id());
            boolean createDisk = options.newDiskBytes() > 0;
            try {
                if (createDisk) {
                    Files.createDirectories(folder);
                    QemuImg.locate().create(folder.resolve(NEW_DISK), DiskFormat.QCOW2, options.newDiskBytes());
                }
                options.applyTo(b, null, createDisk ? NEW_DISK : null);
                VmEntry entry = ctx.library().add(b.build());
                root.spec.commandLine().getOut().printf("Created VM '%s' (%s).%n", entry.name(), entry.id());
                root.spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (VmValidationException e) {
                removeQuietly(ctx, draft.id());
                throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
            } catch (LibraryException | IOException | RuntimeException e) {
                removeQuietly(ctx, draft.id());
                if (e instanceof CliException ce) throw ce;
                throw new CliException(ExitCodes.ERROR, "Could not create VM '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    /** Nothing is left behind by a create that failed: no folder, no disk, no row. */
    private static void removeQuietly(EngineContext ctx, String id) {
        try {
            if (ctx.library().findById(id).isEmpty()) ctx.library().deleteFolder(id);
        } catch (LibraryException ignored) {
            // the folder may never have been created
        }
    }
}
