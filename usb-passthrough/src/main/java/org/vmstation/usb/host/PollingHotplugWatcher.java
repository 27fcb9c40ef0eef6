package org.vmstation.usb.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns repeated {@link HostUsbBackend#enumerate()} snapshots into plug/unplug events. A device is keyed by
 * port path plus bus address, so a replug into the same socket (new address) is an unplug followed by a plug.
 */
public final class PollingHotplugWatcher implements AutoCloseable {
    private final HostUsbBackend backend;
    private final Duration interval;
    private final UsbHotplugListener listener;
    private final Thread thread;
    private final Map<String, UsbDevice> known = new LinkedHashMap<>();
    private volatile boolean closed;

    private PollingHotplugWatcher(HostUsbBackend backend, Duration interval, UsbHotplugListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = Thread.ofPlatform().daemon().name("usb-hotplug-poll").unstarted(this::run);
    }

    public static PollingHotplugWatcher start(HostUsbBackend backend, Duration interval, UsbHotplugListener listener) {
        PollingHotplugWatcher w = new PollingHotplugWatcher(backend, interval, listener);
        w.thread.start();
        return w;
    }

    /** One comparison step; package-visible so tests can drive it without timing. */
    void pollOnce() {
        List<UsbDevice> now;
        try {
            now = backend.enumerate();
        } catch (UsbHostException e) {
            listener.failed(e);
            return;
        }
        Map<String, UsbDevice> current = new LinkedHashMap<>();
        for (UsbDevice d : now) current.put(key(d), d);
        List<UsbDevice> gone = new ArrayList<>();
        for (Map.Entry<String, UsbDevice> e : known.entrySet()) {
            if (!current.containsKey(e.getKey())) gone.add(e.getValue());
        }
        List<UsbDevice> added = new ArrayList<>();
        for (Map.Entry<String, UsbDevice> e : current.entrySet()) {
            if (!known.containsKey(e.getKey())) added.add(e.getValue());
        }
        known.clear();
        known.putAll(current);
        gone.forEach(listener::unplugged);
        added.forEach(listener::plugged);
    }

    private void run() {
        while (!closed) {
            pollOnce();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String key(UsbDevice d) { return d.portPath() + "@" + d.bus() + "/" + d.address(); }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
