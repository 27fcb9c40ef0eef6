package org.vmstation.engine.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.DisplayOutput;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * Turns a {@link VmDefinition} into QEMU's argument list. One small stage per subsystem, each device from its
 * property builder (so hot-plug over QMP produces the same device). The result never depends on the state of
 * the disk: creating the per-VM UEFI variable store is {@link #prepare}'s job, run just before the start.
 *
 * <p>The VM always starts with its CPUs stopped ({@code -S}): the runtime attaches its backends over QMP
 * first and then lets the guest run.
 */
public final class QemuArgumentBuilder {
    /** Where the per-VM UEFI variable store lives, relative to the VM folder. */
    public static final String NVRAM_FILE = "nvram/OVMF_VARS.fd";
    static final String QMP_CHARDEV = "qmp";
    static final String EVENTS_CHARDEV = "events";
    static final String SERIAL_CHARDEV = "serial0";
    static final String NETDEV_ID = "net0";

    private final FirmwareLocator firmware;

    public QemuArgumentBuilder(FirmwareLocator firmware) { this.firmware = firmware; }

    /** Builds the command line with the firmware of this host. */
    public static QemuCommandLine build(VmDefinition vm, VmRuntimePaths paths, QemuCapabilities caps, StartOptions options,
                                        List<DeviceBackend> backends, BackendContext context) throws VmOperationException {
        return new QemuArgumentBuilder(FirmwareLocator.standard()).commandLine(vm, paths, caps, options, backends, context);
    }

    /** Creates what the command line refers to but the user does not provide: the UEFI variable store. */
    public static void prepare(VmDefinition vm, VmRuntimePaths paths) throws VmOperationException {
        new QemuArgumentBuilder(FirmwareLocator.standard()).prepareFiles(vm, paths);
    }

    public QemuCommandLine commandLine(VmDefinition vm, VmRuntimePaths paths, QemuCapabilities caps, StartOptions options,
                                       List<DeviceBackend> backends, BackendContext context) throws VmOperationException {
        Stage s = new Stage(vm, paths, caps, new QemuCommandLine(caps.binary()));
        identity(s);
        machine(s);
        firmware(s);
        memoryAndCpus(s);
        processControl(s);
        monitors(s);
        clock(s);
        kernel(s);
        BootIndexes boot = BootIndexes.of(vm);
        controllers(s);
        disks(s, boot);
        cdroms(s, boot);
        network(s, boot);
        display(s, backends, context);
        pointer(s);
        serial(s);
        for (DeviceBackend backend : backends) {
            try {
                backend.contribute(vm, context, s.cmd);
            } catch (RuntimeException e) {
                throw invalid("the " + backend.name() + " backend could not configure VM '" + vm.name() + "': " + e.getMessage());
            }
        }
        return s.cmd;
    }

    /** Copies the UEFI variable template into the VM folder when the VM has none yet; never overwrites one. */
    public void prepareFiles(VmDefinition vm, VmRuntimePaths paths) throws VmOperationException {
        if (vm.firmware() != Firmware.UEFI) return;
        Path vars = nvramFile(paths);
        if (Files.exists(vars)) return;
        FirmwareLocator.Ovmf ovmf = locateOvmf();
        try {
            Files.createDirectories(vars.getParent());
            Path tmp = Files.createTempFile(vars.getParent(), "OVMF_VARS", ".tmp");
            try {
                Files.copy(ovmf.varsTemplate(), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, vars, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new VmOperationException(VmOperationException.Reason.IO,
                    "Could not create the UEFI variable store " + vars + " from " + ovmf.varsTemplate() + ": " + e.getMessage(), e);
        }
    }

    public static Path nvramFile(VmRuntimePaths paths) { return paths.vmFolder().resolve(NVRAM_FILE); }

    // ------------------------------------------------------------------------------------------ stages

    /** Everything a stage needs, plus the AHCI/IDE/SCSI slot allocation shared by disks and CD-ROMs. */
    private static final class Stage {
        final VmDefinition vm;
        final VmRuntimePaths paths;
        final QemuCapabilities caps;
        final QemuCommandLine cmd;
        final MachineFamily family;
        int nextAtaSlot;   // q35: AHCI ports shared by SATA and IDE devices; i440fx: the PIIX IDE places
        int nextSataPort;  // i440fx only: ports of the added AHCI controller
        int nextScsiTarget;

        Stage(VmDefinition vm, VmRuntimePaths paths, QemuCapabilities caps, QemuCommandLine cmd) {
            this.vm = vm;
            this.paths = paths;
            this.caps = caps;
            this.cmd = cmd;
            this.family = MachineFamily.of(vm.machineType());
        }

        void device(DeviceProps d) throws VmOperationException {
            if (!caps.hasDevice(d.driver())) {
                throw invalid("This QEMU (" + caps.version() + ") has no device '" + d.driver() + "', which VM '" + vm.name()
                        + "' needs: choose another model in its settings or install a QEMU that has it");
            }
            cmd.device(d);
        }

        String resolve(String path) { return paths.vmFolder().resolve(path).toString(); }
    }

    private static void identity(Stage s) {
        s.cmd.add("-name", "guest=" + QemuOptions.escape(s.vm.name()) + ",debug-threads=on");
        s.cmd.flag("-no-user-config");
        s.cmd.flag("-nodefaults");
    }

    private static void machine(Stage s) throws VmOperationException {
        if (!s.caps.hasMachine(s.vm.machineType())) {
            throw invalid("This QEMU (" + s.caps.version() + ") has no machine type '" + s.vm.machineType()
                    + "': choose another (for example q35) in the settings of VM '" + s.vm.name() + "'");
        }
        String accel = s.caps.usableAccelerator();
        s.cmd.add("-machine", QemuOptions.escape(s.vm.machineType()) + ",accel=" + accel);
        // With a hypervisor the guest sees the host CPU; under emulation "max" offers every feature TCG can emulate.
        s.cmd.add("-cpu", "kvm".equals(accel) || "hvf".equals(accel) ? "host" : "max");
    }

    private void firmware(Stage s) throws VmOperationException {
        if (s.vm.firmware() != Firmware.UEFI) return;
        FirmwareLocator.Ovmf ovmf = locateOvmf();
        s.cmd.add("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + QemuOptions.escape(ovmf.code().toString()));
        s.cmd.add("-drive", "if=pflash,format=raw,unit=1,file=" + QemuOptions.escape(nvramFile(s.paths).toString()));
    }

    private static void memoryAndCpus(Stage s) {
        s.cmd.add("-m", s.vm.memoryMiB() + "M");
        s.cmd.add("-smp", String.valueOf(s.vm.cpus()));
        if (isUuid(s.vm.id())) s.cmd.add("-uuid", s.vm.id());
    }

    private static void processControl(Stage s) {
        s.cmd.flag("-S");
        s.cmd.add("-msg", "timestamp=on");
        s.cmd.add("-pidfile", s.paths.pidFile().toString());
    }

    private static void monitors(Stage s) {
        socketChardev(s, QMP_CHARDEV, s.paths.qmpSocket(), null);
        s.cmd.add("-mon", "chardev=" + QMP_CHARDEV + ",mode=control");
        socketChardev(s, EVENTS_CHARDEV, s.paths.eventsSocket(), null);
        s.cmd.add("-mon", "chardev=" + EVENTS_CHARDEV + ",mode=control");
    }

    private static void socketChardev(Stage s, String id, Path socket, Path logFile) {
        StringBuilder v = new StringBuilder("socket,id=").append(id).append(",path=").append(QemuOptions.escape(socket.toString()))
                .append(",server=on,wait=off");
        if (logFile != null) v.append(",logfile=").append(QemuOptions.escape(logFile.toString())).append(",logappend=on");
        s.cmd.add("-chardev", v.toString());
    }

    private static void clock(Stage s) {
        // Windows keeps the hardware clock in local time; everything else expects UTC.
        boolean windows = s.vm.osType().toLowerCase(Locale.ROOT).startsWith("windows");
        s.cmd.add("-rtc", windows ? "base=localtime" : "base=utc");
    }

    private static void kernel(Stage s) {
        KernelBoot kb = s.vm.kernelBoot();
        if (kb == null) return;
        // -kernel, -initrd and -append take their value verbatim (no key=value parsing), so nothing is escaped.
        s.cmd.add("-kernel", s.resolve(kb.kernelPath()));
        if (kb.initrdPath() != null) s.cmd.add("-initrd", s.resolve(kb.initrdPath()));
        if (!kb.commandLine().isEmpty()) s.cmd.add("-append", kb.commandLine());
    }

    private static void controllers(Stage s) throws VmOperationException {
        s.device(UsbControllerProps.xhci());
        boolean scsi = s.vm.disks().stream().anyMatch(d -> d.bus() == DiskBus.SCSI)
                || s.vm.cdroms().stream().anyMatch(c -> c.bus() == DiskBus.SCSI);
        if (scsi) s.device(StorageControllerProps.virtioScsi());
        boolean sata = s.vm.disks().stream().anyMatch(d -> d.bus() == DiskBus.SATA)
                || s.vm.cdroms().stream().anyMatch(c -> c.bus() == DiskBus.SATA);
        if (sata && s.family == MachineFamily.I440FX) s.device(StorageControllerProps.ahci());
    }

    private static void disks(Stage s, BootIndexes boot) throws VmOperationException {
        for (int i = 0; i < s.vm.disks().size(); i++) {
            DiskSpec d = s.vm.disks().get(i);
            if (d.readOnly() && (d.bus() == DiskBus.SATA || d.bus() == DiskBus.IDE || d.bus() == DiskBus.NVME)) {
                throw invalid("disks[" + i + "] (" + d.path() + ") is read-only on the " + d.bus()
                        + " bus, which QEMU cannot do: use the VIRTIO, SCSI or USB bus for a read-only disk");
            }
            String node = "disk" + i;
            blockNodes(s, node, s.resolve(d.path()), d.format(), d.readOnly());
            s.device(DiskDeviceProps.build(d.bus(), node, node, slot(s, d.bus(), "disks[" + i + "]"), boot.disk(i)));
        }
    }

    private static void cdroms(Stage s, BootIndexes boot) throws VmOperationException {
        for (int i = 0; i < s.vm.cdroms().size(); i++) {
            CdromSpec c = s.vm.cdroms().get(i);
            if (!CdromDeviceProps.supports(c.bus())) {
                throw invalid("cdroms[" + i + "] uses the " + c.bus() + " bus: a CD-ROM drive needs the SATA, IDE or SCSI bus");
            }
            String id = "cdrom" + i;
            String node = null;
            if (c.isoPath() != null) {
                node = id;
                blockNodes(s, node, s.resolve(c.isoPath()), DiskFormat.RAW, true);
            }
            s.device(CdromDeviceProps.build(c.bus(), id, node, slot(s, c.bus(), "cdroms[" + i + "]"), boot.cdrom(i)));
        }
    }

    private static void blockNodes(Stage s, String node, String path, DiskFormat format, boolean readOnly) {
        BlockdevNode file = BlockdevNode.file(node + "-file", path, readOnly);
        s.cmd.add("-blockdev", file.toCommandLine());
        s.cmd.add("-blockdev", BlockdevNode.format(node, format, file.nodeName(), readOnly).toCommandLine());
    }

    /** The next free place on the disk's bus; ATA slots are shared by SATA/IDE disks and CD-ROMs in order. */
    private static BusSlot slot(Stage s, DiskBus bus, String field) throws VmOperationException {
        return switch (bus) {
            case VIRTIO, NVME -> null;
            case USB -> BusSlot.bus(UsbControllerProps.BUS);
            case SCSI -> BusSlot.scsi(StorageControllerProps.SCSI_BUS, s.nextScsiTarget++);
            case SATA, IDE -> ataSlot(s, bus, field);
        };
    }

    private static BusSlot ataSlot(Stage s, DiskBus bus, String field) throws VmOperationException {
        switch (s.family) {
            case Q35 -> {
                int n = s.nextAtaSlot++;
                if (n >= 6) throw invalid(field + ": the q35 machine has 6 SATA/IDE ports and they are all used");
                return BusSlot.bus("ide." + n);
            }
            case I440FX -> {
                if (bus == DiskBus.SATA) {
                    int port = s.nextSataPort++;
                    if (port >= 6) throw invalid(field + ": the SATA controller has 6 ports and they are all used");
                    return BusSlot.bus(StorageControllerProps.AHCI_ID + "." + port);
                }
                int n = s.nextAtaSlot++;
                if (n >= 4) throw invalid(field + ": the pc machine has 4 IDE places and they are all used");
                return BusSlot.ideUnit("ide." + (n / 2), n % 2);
            }
            default -> throw invalid(field + ": the machine type '" + s.vm.machineType() + "' has no " + bus
                    + " controller: use the VIRTIO bus or the q35 machine");
        }
    }

    private static void network(Stage s, BootIndexes boot) throws VmOperationException {
        NetworkSpec net = s.vm.network();
        if (net.mode() == NetworkSpec.Mode.NONE) return; // -nodefaults already leaves the VM without a NIC
        StringBuilder v = new StringBuilder("user,id=").append(NETDEV_ID);
        for (PortForward f : net.forwards()) {
            v.append(",hostfwd=").append(f.protocol().name().toLowerCase(Locale.ROOT)).append(':')
                    .append(QemuOptions.escape(f.hostAddress())).append(':').append(f.hostPort()).append("-:").append(f.guestPort());
        }
        s.cmd.add("-netdev", v.toString());
        String mac = net.macAddress() != null ? net.macAddress() : NicDeviceProps.stableMac(s.vm.id());
        s.device(NicDeviceProps.build(net.model(), NETDEV_ID, NETDEV_ID, mac, boot.nic()));
    }

    private static void display(Stage s, List<DeviceBackend> backends, BackendContext context) throws VmOperationException {
        DisplayOutput chosen = null;
        String chooser = null;
        for (DeviceBackend backend : backends) {
            DisplayOutput output;
            try {
                output = backend.displayOutput(s.vm, context);
            } catch (RuntimeException e) {
                throw invalid("the " + backend.name() + " backend could not choose the display of VM '" + s.vm.name() + "': " + e.getMessage());
            }
            if (output == null) continue;
            if (chosen != null) {
                throw invalid("both the " + chooser + " and the " + backend.name() + " backends want to choose the display of VM '"
                        + s.vm.name() + "': only one may");
            }
            chosen = output;
            chooser = backend.name();
        }
        if (chosen != null) {
            // A backend (3-D) picked the adapter and QEMU's own output, e.g. virtio-vga-gl with egl-headless.
            s.device(chosen.adapter());
            s.cmd.add("-display", chosen.display());
            return;
        }
        DeviceProps adapter = DisplayDeviceProps.build(s.vm.display().adapter());
        if (adapter != null) s.device(adapter);
        // QEMU never opens a window of its own; the console backend adds -vnc.
        s.cmd.add("-display", "none");
    }

    private static void pointer(Stage s) throws VmOperationException {
        s.device(UsbTabletProps.tablet());
    }

    private static void serial(Stage s) throws VmOperationException {
        if (!s.vm.serialConsole()) return;
        socketChardev(s, SERIAL_CHARDEV, s.paths.serialSocket(), s.paths.serialLog());
        s.device(SerialDeviceProps.isaSerial(SERIAL_CHARDEV));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private FirmwareLocator.Ovmf locateOvmf() throws VmOperationException {
        try {
            return firmware.locateOvmf();
        } catch (QemuSetupException e) {
            throw new VmOperationException(VmOperationException.Reason.MISSING_FILE, e.getMessage(), e);
        }
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static VmOperationException invalid(String message) {
        return new VmOperationException(VmOperationException.Reason.INVALID_DEFINITION, message);
    }

    /** The firmware boot order as bootindex values; none with direct kernel boot, where QEMU boots the kernel first. */
    record BootIndexes(Integer disk, Integer cdrom, Integer nic) {
        static BootIndexes of(VmDefinition vm) {
            if (vm.kernelBoot() != null) return new BootIndexes(null, null, null);
            Integer disk = null, cdrom = null, nic = null;
            int next = 1;
            for (BootDevice b : vm.bootOrder()) {
                switch (b) {
                    case DISK -> { if (!vm.disks().isEmpty()) disk = next++; }
                    case CDROM -> { if (!vm.cdroms().isEmpty()) cdrom = next++; }
                    case NETWORK -> { if (vm.network().mode() != NetworkSpec.Mode.NONE) nic = next++; }
                }
            }
            return new BootIndexes(disk, cdrom, nic);
        }

        Integer disk(int index) { return index == 0 ? disk : null; }

        Integer cdrom(int index) { return index == 0 ? cdrom : null; }
    }
}
