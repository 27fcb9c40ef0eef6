package org.vmstation.engine.model;

/** What the guest boots through: SeaBIOS or UEFI (OVMF). */
public enum Firmware { BIOS, UEFI }
