package org.vmstation.engine.qemu;

import java.util.regex.Pattern;

/** The x86 board a machine type belongs to, which decides the built-in disk buses. */
enum MachineFamily {
    /** ICH9: an AHCI controller with six ports ide.0 … ide.5, one device each. */
    Q35,
    /** PIIX: two IDE buses ide.0 and ide.1 with two units each; SATA needs an added AHCI controller. */
    I440FX,
    /** microvm, isapc, ...: no built-in disk controller VMStation uses. */
    OTHER;

    private static final Pattern Q35_TYPE = Pattern.compile("q35|pc-q35-.*");
    private static final Pattern I440FX_TYPE = Pattern.compile("pc|pc-i440fx-.*|pc-\\d.*");

    static MachineFamily of(String machineType) {
        if (Q35_TYPE.matcher(machineType).matches()) return Q35;
        if (I440FX_TYPE.matcher(machineType).matches()) return I440FX;
        return OTHER;
    }
}
