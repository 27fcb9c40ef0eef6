package org.vmstation.app;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.vmstation.usb.host.HostUsbBackend;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHostException;
import org.vmstation.usb.host.UsbHotplugListener;

/**
 * Builds the real backend on first use: reading the USB ID database costs time that a {@code vmstation list}
 * should not pay, and most commands never look at USB.
 */
final class LazyHostUsbBackend implements HostUsbBackend {
    private final Supplier<HostUsbBackend> factory;
    private HostUsbBackend backend;

    LazyHostUsbBackend(Supplier<HostUsbBackend> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    private synchronized HostUsbBackend backend() {
        if (backend == null) backend = factory.get();
        return backend;
    }

    @Override
    public List<UsbDevice> enumerate() throws UsbHostException { return backend().enumerate(); }

    @Override
    public AutoCloseable watch(UsbHotplugListener listener) { return backend().watch(listener); }
}
