package org.vmstation.engine.power;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.vmstation.engine.qmp.QmpClient;
import org.vmstation.engine.runtime.MonitorLock;
import org.vmstation.engine.runtime.VmControl;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * One short conversation with a running VM's command monitor, taken the way every VMStation process takes it
 * (the VM's monitor lock, connect, talk, disconnect), for the power controller in any process.
 */
final class PowerMonitor {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PowerMonitor() {}

    interface Talk<T> {
        T with(VmControl control) throws Exception;
    }

    static <T> T talk(VmRuntimePaths paths, Talk<T> talk) throws Exception {
        try (MonitorLock.Held held = MonitorLock.acquire(paths.qmpLock(), TIMEOUT);
             QmpClient client = QmpClient.connect(paths.qmpSocket(), TIMEOUT)) {
            return talk.with(new VmControl() {
                @Override
                public JsonNode command(String name, Map<String, ?> arguments) throws Exception {
                    return client.call(name, arguments);
                }
            });
        }
    }
}
