package org.vmstation.usb.redir;

import java.util.List;

/**
 * A USB device implemented in Java and served over usbredir by {@link UsbRedirHostSession}. Calls come from
 * the session's reader thread one at a time. A method that throws fails only that transfer (I/O error status).
 */
public interface UsbRedirDevice {
    /** An interface of the active configuration. */
    record Interface(int number, int interfaceClass, int subclass, int protocol) {}

    /** A non-control endpoint: address ({@code 0x81} = IN 1), type (2 bulk, 3 interrupt), interval, interface. */
    record Endpoint(int address, int type, int interval, int iface, int maxPacketSize) {}

    /** What {@code device_connect} announces. */
    record Identity(int usbredirSpeed, int deviceClass, int subclass, int protocol, int vendorId, int productId, int bcdDevice) {}

    Identity identity();

    List<Interface> interfaces();

    List<Endpoint> endpoints();

    /** A control transfer on endpoint 0 (everything except SET_ADDRESS/SET_CONFIGURATION/SET_INTERFACE, which have their own calls). */
    TransferResult control(int requestType, int request, int value, int index, int length, byte[] outData);

    /** @return a {@link UsbStatus} code */
    int setConfiguration(int configuration);

    int configuration();

    /** @return a {@link UsbStatus} code */
    default int setAltSetting(int iface, int alt) { return alt == 0 ? UsbStatus.SUCCESS : UsbStatus.STALL; }

    /** The alternate setting of {@code iface}, or -1 when there is no such interface. */
    default int altSetting(int iface) {
        return interfaces().stream().anyMatch(i -> i.number() == iface) ? 0 : -1;
    }

    /** Data for a bulk IN request of up to {@code maxLength} bytes, or null when there is none yet (the request waits). */
    TransferResult bulkIn(int endpoint, int maxLength);

    TransferResult bulkOut(int endpoint, byte[] data);

    /** USB bus reset: back to the state after plug-in. */
    void reset();
}
