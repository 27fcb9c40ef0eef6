package org.vmstation.app.cli;

import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;

@Command(name = "reset", description = "Reset a VM like the reset button (no clean shutdown).")
final class ResetCommand extends VmActionCommand {
    @Override
    void apply(VmHost host, VmDefinition vm) throws VmOperationException {
        host.reset(vm);
    }
}
