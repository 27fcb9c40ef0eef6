package org.vmstation.engine.importer;

/**
 * One network adapter as the source described it and as it maps to QEMU.
 *
 * @param sourceModel the source's adapter name (e.g. "vmxnet3", "E1000", "Am79C973"); empty when unspecified
 * @param qemuModel   the closest QEMU NIC device
 * @param macAddress  the MAC in {@code aa:bb:cc:dd:ee:ff} form, or null when the source lets it be generated
 * @param connection  what the source attached it to (network name, bridge, "nat"...); empty when unknown
 */
public record ImportedNic(String sourceModel, String qemuModel, String macAddress, String connection) {
    public ImportedNic {
        sourceModel = sourceModel == null ? "" : sourceModel;
        connection = connection == null ? "" : connection;
    }
}
