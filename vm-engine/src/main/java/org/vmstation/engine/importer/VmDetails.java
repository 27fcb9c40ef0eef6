package org.vmstation.engine.importer;

/**
 * What the source said about the machine beyond what {@link org.vmstation.engine.model.VmDefinition} holds,
 * so that the preview and the import service can act on it.
 *
 * @param sourceFormat   e.g. "OVF 1.x (VMware)", "VMware .vmx (hardware version 17)"
 * @param architecture   the guest architecture in QEMU terms (x86_64, i686, aarch64, ppc, m68k, riscv64, ...)
 * @param sourceOsId     the source's own OS identifier (guestOS, OSType, CIM id...), empty when none
 * @param secureBoot     whether UEFI Secure Boot was on
 * @param tpm            whether the VM had a TPM
 * @param nvramFile      the source's UEFI variable store (NVRAM) file, or null
 * @param sound          the sound device kept (QEMU name), or null for none
 * @param usbController  the USB controller kept (QEMU name), or null for none
 * @param serialPorts    how many serial ports the source had
 * @param snapshots      how many snapshots the source had (only the current state is imported)
 */
public record VmDetails(String sourceFormat, String architecture, String sourceOsId, boolean secureBoot, boolean tpm,
                        String nvramFile, String sound, String usbController, int serialPorts, int snapshots) {
    public VmDetails {
        sourceFormat = sourceFormat == null ? "" : sourceFormat;
        architecture = architecture == null ? "x86_64" : architecture;
        sourceOsId = sourceOsId == null ? "" : sourceOsId;
    }
}
