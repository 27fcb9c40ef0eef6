package org.vmstation.engine.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one QEMU binary on this host can do, probed once and cached.
 *
 * @param binary        the probed qemu-system binary
 * @param version       e.g. {@code 7.2.19}
 * @param packageInfo   the distribution's package string, e.g. {@code Debian 1:7.2+dfsg-7+deb12u7}
 * @param machines      machine types (aliases included), e.g. q35, pc, pc-q35-7.2
 * @param devices       device type names, e.g. virtio-vga, virtio-vga-gl, qemu-xhci, ivshmem-plain
 * @param accelerators  accelerators compiled in, in order of preference (kvm, hvf, whpx, tcg)
 * @param usableAccelerator the accelerator that will be used on this host now
 * @param acceleratorReason why that one (e.g. "/dev/kvm is missing: using TCG (software emulation, slower)")
 * @param displays      display back-ends compiled in (gtk, sdl, egl-headless, dbus, vnc, none, ...)
 */
public record QemuCapabilities(Path binary, String version, String packageInfo, Set<String> machines,
                               Set<String> devices, List<String> accelerators, String usableAccelerator,
                               String acceleratorReason, Set<String> displays) {
    public QemuCapabilities {
        machines = Set.copyOf(machines);
        devices = Set.copyOf(devices);
        accelerators = List.copyOf(accelerators);
        displays = Set.copyOf(displays);
    }

    public boolean hasDevice(String name) { return devices.contains(name); }

    public boolean hasMachine(String name) { return machines.contains(name); }

    /** Version as [major, minor, micro]; unknown parts are 0. */
    public int[] versionNumbers() {
        int[] v = new int[3];
        String[] parts = version.split("[.\\s-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try { v[i] = Integer.parseInt(parts[i]); } catch (NumberFormatException e) { break; }
        }
        return v;
    }

    public boolean atLeast(int major, int minor) {
        int[] v = versionNumbers();
        return v[0] > major || (v[0] == major && v[1] >= minor);
    }
}
