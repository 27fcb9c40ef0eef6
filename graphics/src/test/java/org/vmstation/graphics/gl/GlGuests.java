package org.vmstation.graphics.gl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vmstation.engine.guest.GlGuestImageLocator;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.graphics.VncDisplayBackend;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;

/** The demo guest on a real {@link LocalQemuHost} with the console and 3-D backends, as the app wires them. */
final class GlGuests {
    /** The guest kernel prints this when its virtio-gpu driver finds virgl (3-D) on the host side. */
    static final String GUEST_VIRGL = "[drm] features: +virgl";

    private GlGuests() {}

    static LocalQemuHost host(Path folders, GlDisplayBackend gl) throws Exception {
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vms-gl");
        return new LocalQemuHost(new RuntimeDirectory(runtime), vm -> folders.resolve(vm.name()), () -> caps,
                List.of(new VncDisplayBackend(), gl));
    }

    /** The demo guest with {@code setting}; not "quiet", so the kernel's DRM lines reach the serial log. */
    static VmDefinition demo(String name, DisplaySpec.Acceleration3d setting) {
        GuestImage guest = TestGuest.image();
        return VmDefinition.builder(name).osType("linux").memoryMiB(256).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernelFor(false).toString(), guest.initrd().toString(),
                        "console=ttyS0 console=tty0 vmstation.probe=drm"))
                .network(NetworkSpec.none()).display(new DisplaySpec(DisplaySpec.Adapter.VIRTIO_VGA, setting))
                .serialConsole(true).build();
    }

    /**
     * The OpenGL variant of the demo guest ({@link org.vmstation.engine.guest.GlGuestImageLocator}) with {@code setting}:
     * it draws {@code workload} for {@code seconds} before its ready marker and prints its renderer and frame rate.
     */
    static VmDefinition glGuest(String name, DisplaySpec.Acceleration3d setting, GuestImage guest,
                                GlGuestImageLocator.Workload workload, int seconds) {
        return VmDefinition.builder(name).osType("linux").memoryMiB(GlGuestImageLocator.MEMORY_MIB).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernelFor(false).toString(), guest.initrd().toString(),
                        GlGuestImageLocator.kernelCommandLine(workload, seconds)))
                .network(NetworkSpec.none()).display(new DisplaySpec(DisplaySpec.Adapter.VIRTIO_VGA, setting))
                .serialConsole(true).build();
    }

    /** What the console sees: connects to the VM's VNC socket and waits until the screen shows text. */
    static FramebufferSnapshot consoleShowsText(Path vncSocket, Duration timeout) throws Exception {
        try (RfbSession session = RfbClient.connect(vncSocket, RfbClientOptions.defaults())) {
            if (!session.awaitUpdates(1, timeout)) throw new AssertionError("no screen update over VNC within " + timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            FramebufferSnapshot shot = session.snapshot();
            while (shot.nonBlackPixels() < 2000 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                shot = session.snapshot();
            }
            return shot;
        }
    }
}
