package org.vmstation.engine.qemu;

/** The guest's first serial port (COM1, ttyS0), wired to a character device of the host. */
public final class SerialDeviceProps {
    public static final String ID = "serial0";

    private SerialDeviceProps() {}

    public static DeviceProps isaSerial(String chardevId) { return DeviceProps.of("isa-serial").with("chardev", chardevId).with("id", ID); }
}
