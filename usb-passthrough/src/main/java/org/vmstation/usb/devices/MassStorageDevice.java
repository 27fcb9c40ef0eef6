package org.vmstation.usb.devices;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.vmstation.usb.redir.TransferResult;
import org.vmstation.usb.redir.UsbRedirDevice;
import org.vmstation.usb.redir.UsbStatus;

/**
 * A high-speed USB stick implemented in Java: one interface (class 8 mass storage, subclass 6 SCSI
 * transparent, protocol 0x50 bulk-only), bulk IN 0x81 and bulk OUT 0x02, backed by a raw image file.
 * Vendor/product are pid.codes' test ids (1209:0001), which no real product uses.
 */
public final class MassStorageDevice implements UsbRedirDevice, AutoCloseable {
    public static final int VENDOR_ID = 0x1209;
    public static final int PRODUCT_ID = 0x0001;
    public static final String MANUFACTURER = "VMStation";
    public static final String PRODUCT = "Java USB Stick";
    static final int EP_IN = 0x81;
    static final int EP_OUT = 0x02;
    private static final int MAX_PACKET = 512;

    private final FileChannel image;
    private final BulkOnlyTransport transport;
    private final String serial;
    private final byte[] deviceDescriptor;
    private final byte[] configDescriptor;
    private int configuration = 1;
    private boolean inHalted;
    private boolean outHalted;

    public MassStorageDevice(Path imageFile, boolean readOnly, String serial) throws IOException {
        this.image = readOnly ? FileChannel.open(imageFile, StandardOpenOption.READ)
                : FileChannel.open(imageFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.transport = new BulkOnlyTransport(new ScsiBlockDevice(image, readOnly, "VMSTATN", PRODUCT));
        this.serial = serial;
        this.deviceDescriptor = UsbDescriptors.device(0x0200, 0, 0, 0, 64, VENDOR_ID, PRODUCT_ID, 0x0100, 1, 2, 3);
        this.configDescriptor = UsbDescriptors.configuration(1, 1, 50,
                UsbDescriptors.iface(0, 2, 0x08, 0x06, 0x50),
                UsbDescriptors.endpoint(EP_IN, 2, MAX_PACKET, 0),
                UsbDescriptors.endpoint(EP_OUT, 2, MAX_PACKET, 0));
    }

    @Override
    public Identity identity() { return new Identity(2, 0, 0, 0, VENDOR_ID, PRODUCT_ID, 0x0100); }

    @Override
    public List<Interface> interfaces() { return List.of(new Interface(0, 0x08, 0x06, 0x50)); }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint(EP_IN, 2, 0, 0, MAX_PACKET), new Endpoint(EP_OUT, 2, 0, 0, MAX_PACKET));
    }

    @Override
    public TransferResult control(int requestType, int request, int value, int index, int length, byte[] outData) {
        int kind = requestType & 0x60;
        if (kind == 0x20) { // class requests of bulk-only mass storage
            if (request == 0xFE && requestType == 0xA1) return TransferResult.in(new byte[] {0}); // GET MAX LUN: one LUN
            if (request == 0xFF && requestType == 0x21) { // Bulk-Only Mass Storage Reset
                transport.reset();
                return TransferResult.out(0);
            }
            return TransferResult.stall();
        }
        if (kind != 0) return TransferResult.stall();
        return switch (request) {
            case 0x06 -> descriptor(value >> 8, value & 0xff); // GET_DESCRIPTOR
            case 0x00 -> TransferResult.in(new byte[] {(byte) (statusHalted(requestType, index) ? 1 : 0), 0}); // GET_STATUS
            case 0x01 -> { // CLEAR_FEATURE (ENDPOINT_HALT)
                if ((requestType & 0x1f) == 2 && value == 0) setHalt(index, false);
                yield TransferResult.out(0);
            }
            case 0x03 -> { // SET_FEATURE
                if ((requestType & 0x1f) == 2 && value == 0) setHalt(index, true);
                yield TransferResult.out(0);
            }
            case 0x08 -> TransferResult.in(new byte[] {(byte) configuration});
            default -> TransferResult.stall();
        };
    }

    private TransferResult descriptor(int type, int index) {
        return switch (type) {
            case UsbDescriptors.DEVICE -> TransferResult.in(deviceDescriptor);
            case UsbDescriptors.CONFIGURATION -> TransferResult.in(configDescriptor);
            case UsbDescriptors.DEVICE_QUALIFIER -> TransferResult.in(UsbDescriptors.qualifier(0x0200, 0, 0, 0, 64));
            case UsbDescriptors.STRING -> switch (index) {
                case 0 -> TransferResult.in(UsbDescriptors.languages());
                case 1 -> TransferResult.in(UsbDescriptors.string(MANUFACTURER));
                case 2 -> TransferResult.in(UsbDescriptors.string(PRODUCT));
                case 3 -> TransferResult.in(UsbDescriptors.string(serial));
                default -> TransferResult.stall();
            };
            default -> TransferResult.stall();
        };
    }

    private boolean statusHalted(int requestType, int index) {
        if ((requestType & 0x1f) != 2) return false;
        return index == EP_IN ? inHalted : index == EP_OUT && outHalted;
    }

    private void setHalt(int endpoint, boolean halted) {
        if (endpoint == EP_IN) inHalted = halted;
        if (endpoint == EP_OUT) outHalted = halted;
    }

    @Override
    public int setConfiguration(int value) {
        if (value > 1) return UsbStatus.STALL;
        configuration = value;
        return UsbStatus.SUCCESS;
    }

    @Override
    public int configuration() { return configuration; }

    @Override
    public TransferResult bulkIn(int endpoint, int maxLength) {
        if (endpoint != EP_IN) return TransferResult.stall();
        if (inHalted) return TransferResult.stall();
        return transport.in(maxLength);
    }

    @Override
    public TransferResult bulkOut(int endpoint, byte[] data) {
        if (endpoint != EP_OUT || outHalted) return TransferResult.stall();
        return transport.out(data);
    }

    @Override
    public void reset() {
        transport.reset();
        inHalted = false;
        outHalted = false;
        configuration = 0;
    }

    @Override
    public void close() throws IOException { image.close(); }
}
