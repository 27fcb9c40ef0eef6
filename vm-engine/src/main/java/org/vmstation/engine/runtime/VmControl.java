package org.vmstation.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.vmstation.engine.qemu.DeviceProps;

/** The monitor commands a device backend may send to its running VM. */
public interface VmControl {
    /** Sends one QMP command and returns its {@code return} value. */
    JsonNode command(String name, Map<String, ?> arguments) throws Exception;

    default void deviceAdd(DeviceProps device) throws Exception { command("device_add", device.toQmp()); }

    default void deviceDel(String id) throws Exception { command("device_del", Map.of("id", id)); }
}
