package org.vmstation.engine.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.DisplayOutput;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * The definitions behind the golden command lines. Every path in them is relative to the VM folder so the
 * acceptance test can recreate each VM under a temporary folder and hand the same argv to a real QEMU.
 */
final class GoldenCases {
    /** One golden: the file name, the VM, the name of its folder, and extra backends. */
    record Case(String name, VmDefinition vm, String folderName, List<DeviceBackend> backends, boolean kvm) {
        VmRuntimePaths fakePaths() {
            return new VmRuntimePaths(Path.of("/run/user/1000/vmstation/vms").resolve(vm.id()), Path.of("/home/user/VMs").resolve(folderName));
        }
    }

    static final Path FAKE_BINARY = Path.of("/usr/bin/qemu-system-x86_64");
    static final FirmwareLocator FAKE_FIRMWARE = FirmwareLocator.fixed(new FirmwareLocator.Ovmf(
            Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"), Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd")));

    /** A QEMU 7.2 that has everything the goldens use, with a fixed accelerator so the goldens are stable. */
    static QemuCapabilities fakeCapabilities(boolean kvm) {
        return new QemuCapabilities(FAKE_BINARY, "7.2.22", "Debian 1:7.2+dfsg-7+deb12u18",
                Set.of("q35", "pc-q35-7.2", "pc", "pc-i440fx-7.2", "microvm"),
                Set.of("virtio-blk-pci", "ide-hd", "ide-cd", "scsi-hd", "scsi-cd", "virtio-scsi-pci", "nvme", "usb-storage",
                        "ich9-ahci", "virtio-net-pci", "e1000e", "virtio-vga", "VGA", "qxl-vga", "cirrus-vga", "qemu-xhci",
                        "usb-tablet", "isa-serial"),
                List.of("kvm", "tcg"), kvm ? "kvm" : "tcg", kvm ? "KVM hardware acceleration" : "/dev/kvm is missing",
                Set.of("none", "gtk", "vnc"));
    }

    /** A display backend stand-in that adds what the real one adds: a VNC server on a UNIX socket. */
    static final class VncLikeBackend implements DeviceBackend {
        @Override public String name() { return "display"; }

        @Override
        public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine) {
            commandLine.add("-vnc", "unix:" + QemuOptions.escape(context.paths().vncSocket().toString()));
        }
    }

    /**
     * A backend that chooses the adapter and QEMU's own output, as the 3-D backend does. The golden uses a 2-D
     * adapter with {@code -display none} so the real QEMU of the acceptance test (no GPU, no X) takes it too.
     */
    static final class DisplayChoosingBackend implements DeviceBackend {
        @Override public String name() { return "3d"; }

        @Override
        public DisplayOutput displayOutput(VmDefinition vm, BackendContext context) {
            return new DisplayOutput(DeviceProps.of("virtio-vga").with("id", DisplayDeviceProps.ID).with("xres", 1280).with("yres", 800), "none");
        }

        @Override public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine) {}
    }

    static List<Case> all() {
        return List.of(
                new Case("minimal", VmDefinition.builder("Minimal").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c01")
                        .memoryMiB(512).addDisk(DiskSpec.qcow2("disk.qcow2")).serialConsole(false).build(),
                        "Minimal", List.of(), false),
                new Case("minimal-kvm", VmDefinition.builder("Fast").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c02")
                        .memoryMiB(2048).cpus(2).addDisk(DiskSpec.qcow2("disk.qcow2")).serialConsole(false).build(),
                        "Fast", List.of(), true),
                new Case("kernel-boot", VmDefinition.builder("Demo").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c03").osType("linux")
                        .memoryMiB(256)
                        .kernelBoot(new KernelBoot("boot/vmlinuz", "boot/initrd.img", "console=ttyS0 quiet root=/dev/vda rootflags=rw,noatime"))
                        .addDisk(DiskSpec.qcow2("disk.qcow2"))
                        .network(new NetworkSpec(NetworkSpec.Mode.NAT, "virtio-net-pci", null, List.of(PortForward.parse("tcp:2222:22"))))
                        .display(new DisplaySpec(DisplaySpec.Adapter.CIRRUS, null)).serialConsole(true).build(),
                        "Demo", List.of(), false),
                new Case("uefi-disks-iso-forwards", VmDefinition.builder("Workstation").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c04")
                        .osType("windows11").firmware(Firmware.UEFI).cpus(4).memoryMiB(4096)
                        .addDisk(DiskSpec.qcow2("system.qcow2"))
                        .addDisk(new DiskSpec("data.img", DiskFormat.RAW, DiskBus.VIRTIO, false))
                        .addCdrom(CdromSpec.of("install.iso"))
                        .bootOrder(List.of(BootDevice.CDROM, BootDevice.DISK, BootDevice.NETWORK))
                        .network(new NetworkSpec(NetworkSpec.Mode.NAT, "e1000e", "52:54:00:AB:CD:EF",
                                List.of(PortForward.parse("tcp:2222:22"), PortForward.parse("udp:0.0.0.0:5353:53"))))
                        .display(new DisplaySpec(DisplaySpec.Adapter.QXL, null)).serialConsole(false).build(),
                        "Workstation", List.of(), false),
                new Case("commas-and-spaces", VmDefinition.builder("My VM (copy 2)").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c05")
                        .firmware(Firmware.UEFI).memoryMiB(512)
                        .addDisk(DiskSpec.qcow2("disk, one.qcow2"))
                        .addCdrom(CdromSpec.of("iso dir, 1/boot, cd.iso"))
                        .serialConsole(true).build(),
                        "Old VMs, 2021/My VM, copy 2", List.of(new VncLikeBackend()), false),
                new Case("buses-q35", VmDefinition.builder("Buses").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c06").memoryMiB(512)
                        .addDisk(new DiskSpec("sata.qcow2", DiskFormat.QCOW2, DiskBus.SATA, false))
                        .addDisk(new DiskSpec("ide.vmdk", DiskFormat.VMDK, DiskBus.IDE, false))
                        .addDisk(new DiskSpec("scsi.vdi", DiskFormat.VDI, DiskBus.SCSI, true))
                        .addDisk(new DiskSpec("nvme.vhdx", DiskFormat.VHDX, DiskBus.NVME, false))
                        .addDisk(new DiskSpec("usb.vpc", DiskFormat.VPC, DiskBus.USB, false))
                        .addDisk(new DiskSpec("ro.img", DiskFormat.RAW, DiskBus.VIRTIO, true))
                        .addCdrom(new CdromSpec("tools.iso", DiskBus.SCSI))
                        .addCdrom(new CdromSpec(null, DiskBus.SATA))
                        .serialConsole(false).build(),
                        "Buses", List.of(), false),
                new Case("buses-i440fx", VmDefinition.builder("Old PC").id("old-pc").machineType("pc").memoryMiB(256)
                        .addDisk(new DiskSpec("ide0.qcow2", DiskFormat.QCOW2, DiskBus.IDE, false))
                        .addDisk(new DiskSpec("ide1.qcow2", DiskFormat.QCOW2, DiskBus.IDE, false))
                        .addDisk(new DiskSpec("sata.qcow2", DiskFormat.QCOW2, DiskBus.SATA, false))
                        .addCdrom(new CdromSpec("cd.iso", DiskBus.IDE))
                        .display(new DisplaySpec(DisplaySpec.Adapter.STD_VGA, null)).serialConsole(false).build(),
                        "Old PC", List.of(), false),
                new Case("no-network", VmDefinition.builder("Isolated").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c08").memoryMiB(256)
                        .addDisk(DiskSpec.qcow2("disk.qcow2")).bootOrder(List.of(BootDevice.NETWORK, BootDevice.DISK))
                        .network(NetworkSpec.none()).display(new DisplaySpec(DisplaySpec.Adapter.NONE, null))
                        .serialConsole(true).build(),
                        "Isolated", List.of(), false),
                new Case("display-from-backend", VmDefinition.builder("Chosen display").id("6f1c2a4e-0b7d-4c55-9a61-2f8e9d3b1c09")
                        .memoryMiB(256).display(new DisplaySpec(DisplaySpec.Adapter.STD_VGA, DisplaySpec.Acceleration3d.AUTO))
                        .serialConsole(false).build(),
                        "Chosen display", List.of(new DisplayChoosingBackend(), new VncLikeBackend()), false));
    }

    private GoldenCases() {}
}
