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
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.PowerBackend;
import org.vmstation.engine.power.resource.ResourceBackend;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.graphics.VncDisplayBackend;
import org.vmstation.graphics.gl.GlDisplayBackend;
import org.vmstation.graphics.gl.ThreeDDecision;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;
import org.vmstation.usb.host.SysfsUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.service.UsbService;

/**
 * Wires the engine for one VMStation process: the library, the local host and the device backends every VM
 * gets. Both the command line and the window start from here, so they always see the same VMs the same way.
 */
public final class EngineContext implements AutoCloseable {
    private final VmLibrary library;
    private final LocalQemuHost host;
    private final Supplier<QemuCapabilities> capabilities;
    private final UsbService usb;

    private final GlDisplayBackend threeD;

    private EngineContext(VmLibrary library, LocalQemuHost host, Supplier<QemuCapabilities> capabilities, UsbService usb,
                          GlDisplayBackend threeD) {
        this.threeD = threeD;
        this.library = library;
        this.host = host;
        this.capabilities = capabilities;
        this.usb = usb;
    }

    /** @param libraryOverride the {@code --library} option, or null for the environment/default location */
    public static EngineContext open(Path libraryOverride) throws LibraryException {
        // Preferences (Edit › Preferences) come after --library and the environment variables, before the defaults
        var prefs = org.vmstation.app.gui.prefs.PreferencesStore.forCurrentUser().load().preferences();
        Path db;
        if (libraryOverride != null) db = LibraryLocation.fromOption(libraryOverride);
        else if (!prefs.libraryLocation().isEmpty() && isBlank(System.getenv(LibraryLocation.ENV_OVERRIDE))) db = LibraryLocation.fromOption(Path.of(prefs.libraryLocation()));
        else db = LibraryLocation.defaultDatabase();
        VmLibrary library = VmLibrary.open(db);
        Path preferredQemu = prefs.qemuBinary().isEmpty() || !isBlank(System.getenv(QemuBinaryLocator.ENV_VARIABLE)) ? null : Path.of(prefs.qemuBinary());
        Supplier<QemuCapabilities> caps = memoize(() -> CapabilityProbe.probe(QemuBinaryLocator.forThisHost().locateSystem(preferredQemu)));
        // USB joins every VM's start and stop (rules, release); it hot-plugs through the host it is bound to
        UsbService usb = new UsbService(new LazyHostUsbBackend(SysfsUsbBackend::new), new UsbAccess(), new UsbHotplug());
        GlDisplayBackend threeD = new GlDisplayBackend();
        List<DeviceBackend> backends = List.of(new VncDisplayBackend(), threeD, new PowerBackend(), new ResourceBackend(), usb.deviceBackend());
        LocalQemuHost host = new LocalQemuHost(RuntimeDirectory.forCurrentUser(), vm -> library.vmFolder(vm.id()), caps, backends);
        usb.bind(host);
        return new EngineContext(library, host, caps, usb, threeD);
    }

    public VmLibrary library() { return library; }

    public VmHost host() { return host; }

    /**
     * Starts a VM the way every VMStation front end should: a VM never fails to start because of 3-D — when the
     * GL display cannot start, it is started again without 3-D and the outcome says why.
     */
    public ThreeDFallbackStarter.Outcome start(VmDefinition vm, StartOptions options) throws VmOperationException {
        return new ThreeDFallbackStarter(host, threeD).start(vm, options);
    }

    /** What the 3-D backend decided at the VM's last start in this process (empty when it never started here). */
    public java.util.Optional<ThreeDDecision> threeDDecision(String vmId) { return threeD.lastDecision(vmId); }

    public QemuCapabilities capabilities() { return capabilities.get(); }

    /** Host USB devices, attach/detach and rules. Hotplug following ({@link UsbService#startWatching()}) is the window's choice. */
    public UsbService usb() { return usb; }

    @Override
    public void close() {
        try {
            usb.close();
        } catch (Exception e) {
            System.getLogger(EngineContext.class.getName()).log(System.Logger.Level.WARNING, "closing USB: " + e.getMessage());
        }
        host.close();
        try {
            library.close();
        } catch (LibraryException e) {
            System.getLogger(EngineContext.class.getName()).log(System.Logger.Level.WARNING, "closing the library: " + e.getMessage());
        }
    }

    private static boolean isBlank(String s) { return s == null || s.isBlank(); }

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
