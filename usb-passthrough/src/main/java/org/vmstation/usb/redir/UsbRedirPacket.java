package org.vmstation.usb.redir;

import java.util.Arrays;

/** The typed usbredir packets. Multi-byte fields are held as unsigned ints; lengths are checked by the codec. */
public sealed interface UsbRedirPacket {
    record Hello(String version, UsbRedirCaps caps) implements UsbRedirPacket {}

    /** {@code deviceVersionBcd} is sent only when both sides have {@link UsbRedirCaps#CONNECT_DEVICE_VERSION}. */
    record DeviceConnect(int speed, int deviceClass, int deviceSubclass, int deviceProtocol,
                         int vendorId, int productId, int deviceVersionBcd) implements UsbRedirPacket {}

    record DeviceDisconnect() implements UsbRedirPacket {}

    record DeviceDisconnectAck() implements UsbRedirPacket {}

    record Reset() implements UsbRedirPacket {}

    /** Up to 32 interfaces: number, class, subclass, protocol of each. */
    record InterfaceInfo(int[] number, int[] interfaceClass, int[] subclass, int[] protocol) implements UsbRedirPacket {
        public InterfaceInfo {
            if (number.length > 32 || interfaceClass.length != number.length || subclass.length != number.length
                    || protocol.length != number.length) {
                throw new IllegalArgumentException("interface info needs equal arrays of at most 32 entries");
            }
        }
    }

    /**
     * Per endpoint slot (index {@code (ep & 0x0f) | (ep & 0x80) >> 3}: 0-15 OUT, 16-31 IN): transfer type
     * (0 control, 1 iso, 2 bulk, 3 interrupt, 255 none), interval, interface, max packet size.
     */
    record EpInfo(int[] type, int[] interval, int[] iface, int[] maxPacketSize) implements UsbRedirPacket {
        public EpInfo {
            if (type.length != 32 || interval.length != 32 || iface.length != 32 || maxPacketSize.length != 32) {
                throw new IllegalArgumentException("ep info arrays must have 32 entries");
            }
        }

        public static int slot(int endpoint) { return (endpoint & 0x0f) | (endpoint & 0x80) >> 3; }
    }

    record SetConfiguration(int configuration) implements UsbRedirPacket {}

    record GetConfiguration() implements UsbRedirPacket {}

    record ConfigurationStatus(int status, int configuration) implements UsbRedirPacket {}

    record SetAltSetting(int iface, int alt) implements UsbRedirPacket {}

    record GetAltSetting(int iface) implements UsbRedirPacket {}

    record AltSettingStatus(int status, int iface, int alt) implements UsbRedirPacket {}

    record StartInterruptReceiving(int endpoint) implements UsbRedirPacket {}

    record StopInterruptReceiving(int endpoint) implements UsbRedirPacket {}

    record InterruptReceivingStatus(int status, int endpoint) implements UsbRedirPacket {}

    record CancelDataPacket() implements UsbRedirPacket {}

    /** A control transfer: the setup fields, a status in responses, and the data (OUT request or IN response). */
    record ControlPacket(int endpoint, int request, int requestType, int status, int value, int index, int length,
                         byte[] data) implements UsbRedirPacket {
        @Override public boolean equals(Object o) {
            return o instanceof ControlPacket c && c.endpoint == endpoint && c.request == request && c.requestType == requestType
                    && c.status == status && c.value == value && c.index == index && c.length == length && Arrays.equals(c.data, data);
        }
        @Override public int hashCode() { return Arrays.hashCode(data) * 31 + request; }
    }

    /** A bulk transfer; {@code length} is the requested (IN request) or transferred length. */
    record BulkPacket(int endpoint, int status, long length, long streamId, byte[] data) implements UsbRedirPacket {
        @Override public boolean equals(Object o) {
            return o instanceof BulkPacket b && b.endpoint == endpoint && b.status == status && b.length == length
                    && b.streamId == streamId && Arrays.equals(b.data, data);
        }
        @Override public int hashCode() { return Arrays.hashCode(data) * 31 + endpoint; }
    }

    record InterruptPacket(int endpoint, int status, int length, byte[] data) implements UsbRedirPacket {
        @Override public boolean equals(Object o) {
            return o instanceof InterruptPacket b && b.endpoint == endpoint && b.status == status && b.length == length
                    && Arrays.equals(b.data, data);
        }
        @Override public int hashCode() { return Arrays.hashCode(data) * 31 + endpoint; }
    }

    /** A well-formed packet of a type this device side does not implement (iso, streams, filters, buffered bulk). */
    record Unsupported(int type, byte[] body) implements UsbRedirPacket {}
}
