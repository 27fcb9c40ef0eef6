package org.vmstation.app;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.LibraryLocation;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.graphics.VncDisplayBackend;

/**
 * Wires the engine for one VMStation process: the library, the local host and the device backends every VM
 * gets. Both the command line and the window start from here, so they always see the same VMs the same way.
 */
public final class EngineContext implements AutoCloseable {
    private final VmLibrary library;
    private final LocalQemuHost host;
    private final Supplier<QemuCapabilities> capabilities;

    private EngineContext(VmLibrary library, LocalQemuHost host, Supplier<QemuCapabilities> capabilities) {
        this.library = library;
        this.host = host;
        this.capabilities = capabilities;
    }

    /** @param libraryOverride the {@code --library} option, or null for the environment/default location */
    public static EngineContext open(Path libraryOverride) throws LibraryException {
        Path db = libraryOverride != null ? LibraryLocation.fromOption(libraryOverride) : LibraryLocation.defaultDatabase();
        VmLibrary library = VmLibrary.open(db);
        Supplier<QemuCapabilities> caps = memoize(() -> CapabilityProbe.probe(QemuBinaryLocator.locateQemu()));
        List<DeviceBackend> backends = List.of(new VncDisplayBackend());
        LocalQemuHost host = new LocalQemuHost(RuntimeDirectory.forCurrentUser(), vm -> library.vmFolder(vm.id()), caps, backends);
        return new EngineContext(library, host, caps);
    }

    public VmLibrary library() { return library; }

    public VmHost host() { return host; }

    public QemuCapabilities capabilities() { return capabilities.get(); }

    @Override
    public void close() {
        host.close();
        try {
            library.close();
        } catch (LibraryException e) {
            System.getLogger(EngineContext.class.getName()).log(System.Logger.Level.WARNING, "closing the library: " + e.getMessage());
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = supplier.get();
                return value;
            }
        };
    }
}
