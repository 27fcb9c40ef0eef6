package org.vmstation.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.vmstation.engine.qmp.QmpClient;

/**
 * One short conversation with a VM's command monitor. QEMU's monitor socket serves one client at a time, so
 * every VMStation process takes the VM's monitor lock, connects, talks, and disconnects again, leaving the
 * socket free for the next process (CLI and GUI may both be at work on the same VM).
 */
final class MonitorSession {
    private MonitorSession() {}

    @FunctionalInterface
    interface Conversation<T> {
        T talk(QmpClient client) throws Exception;
    }

    static <T> T with(VmRuntimePaths paths, Duration timeout, Conversation<T> conversation) throws Exception {
        try (MonitorLock.Held held = MonitorLock.acquire(paths.qmpLock(), timeout);
             QmpClient client = QmpClient.connect(paths.qmpSocket(), timeout)) {
            return conversation.talk(client);
        }
    }

    /** Adapts a connected client to the narrow interface device backends get. */
    static VmControl control(QmpClient client) {
        return new VmControl() {
            @Override
            public JsonNode command(String name, Map<String, ?> arguments) throws Exception {
                return client.call(name, arguments);
            }
        };
    }
}
