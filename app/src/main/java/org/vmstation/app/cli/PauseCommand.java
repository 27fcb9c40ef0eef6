package org.vmstation.app.cli;

import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;

@Command(name = "pause", description = "Pause a running VM (its CPUs stop; memory is kept).")
final class PauseCommand extends VmActionCommand {
    @Override
    void apply(VmHost host, VmDefinition vm) throws VmOperationException {
        host.pause(vm);
    }
}
