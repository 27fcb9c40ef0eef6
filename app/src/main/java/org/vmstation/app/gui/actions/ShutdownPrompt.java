package org.vmstation.app.gui.actions;

import org.vmstation.app.gui.library.VmItem;

/** Asks the user what to do when a guest ignored the ACPI power button. Implemented by the view. */
@FunctionalInterface
public interface ShutdownPrompt {
    /** @return true to power the VM off now */
    boolean offerPowerOff(VmItem vm);
}
