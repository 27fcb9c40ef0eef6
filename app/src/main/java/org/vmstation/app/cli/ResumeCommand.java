package org.vmstation.app.cli;

import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;

@Command(name = "resume", description = "Resume a paused VM.")
final class ResumeCommand extends VmActionCommand {
    @Override
    void apply(VmHost host, VmDefinition vm) throws VmOperationException {
        host.resume(vm);
    }
}
