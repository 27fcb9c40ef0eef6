package org.vmstation.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * One socket of a running VM, as {@code console}, {@code viewer} and {@code screenshot} reach it: the library is
 * opened only long enough to find the VM and check that it runs, so the attached session that follows holds no
 * library connection.
 *
 * @param vmName the VM's name, for messages
 * @param socket the host-side UNIX socket, known to exist
 */
record RunningVmSocket(String vmName, Path socket) {
    /**
     * Finds {@code nameOrId} in {@code library} and the socket {@code which} picks from its runtime paths.
     *
     * @param whyMissing given the VM's name, says why a running VM can have no such socket (exit code NOT_FOUND)
     * @throws CliException NOT_FOUND for an unknown VM or a missing socket, WRONG_STATE for a VM that is not running
     */
    static RunningVmSocket find(Path library, String nameOrId, Function<VmRuntimePaths, Path> which,
                                Function<String, String> whyMissing) {
        Path socket;
        String vmName;
        try (EngineContext ctx = Cli.open(library)) {
            VmEntry entry = Cli.find(ctx, nameOrId);
            vmName = entry.name();
            if (!Cli.refresh(ctx, entry).state().isActive()) {
                throw new CliException(ExitCodes.WRONG_STATE, "VM '" + vmName + "' is not running: start it with `vmstation start "
                        + StartCommand.quote(vmName) + "`");
            }
            socket = which.apply(ctx.host().paths(entry.definition()));
        }
        if (!Files.exists(socket)) throw new CliException(ExitCodes.NOT_FOUND, whyMissing.apply(vmName));
        return new RunningVmSocket(vmName, socket);
    }
}
