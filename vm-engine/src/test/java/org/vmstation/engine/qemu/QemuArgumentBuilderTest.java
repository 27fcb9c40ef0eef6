package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.engine.runtime.VmRuntimePaths;

/** The builder's refusals, its prepare step and the property builders' shared output. */
class QemuArgumentBuilderTest {
    @TempDir Path dir;

    private final QemuCapabilities caps = GoldenCases.fakeCapabilities(false);

    private VmRuntimePaths paths() { return new VmRuntimePaths(dir.resolve("run"), dir.resolve("vm")); }

    private List<String> build(VmDefinition vm, FirmwareLocator fw, List<DeviceBackend> backends) throws VmOperationException {
        return new QemuArgumentBuilder(fw).commandLine(vm, paths(), caps, StartOptions.defaults(), backends,
                new BackendContext(vm.id(), paths(), caps)).arguments();
    }

    private List<String> build(VmDefinition vm) throws VmOperationException { return build(vm, GoldenCases.FAKE_FIRMWARE, List.of()); }

    private static VmDefinition.Builder vm() { return VmDefinition.builder("T").id("t").addDisk(DiskSpec.qcow2("d.qcow2")); }

    @Test
    void alwaysStartsPausedWithPidFileAndTwoMonitorsAndNeverDaemonizes() throws Exception {
        List<String> args = build(vm().build());
        assertThat(args).contains("-S", "-no-user-config", "-nodefaults").doesNotContain("-daemonize");
        assertThat(args.get(args.indexOf("-pidfile") + 1)).isEqualTo(paths().pidFile().toString());
        assertThat(Collections.frequency(args, "-mon")).isEqualTo(2);
        assertThat(args).doesNotContain("-uuid"); // "t" is not a UUID
    }

    @Test
    void uefiWithoutOvmfTellsToInstallIt() {
        FirmwareLocator none = new FirmwareLocator.SearchingFirmwareLocator(List.of(
                new FirmwareLocator.Ovmf(dir.resolve("no/CODE.fd"), dir.resolve("no/VARS.fd"))));
        assertThatThrownBy(() -> build(vm().firmware(Firmware.UEFI).build(), none, List.of()))
                .isInstanceOf(VmOperationException.class)
                .hasMessageContaining("install the ovmf package")
                .satisfies(e -> assertThat(((VmOperationException) e).reason()).isEqualTo(VmOperationException.Reason.MISSING_FILE));
    }

    @Test
    void standardFirmwareLocatorFindsTheInstalledOvmf() {
        FirmwareLocator.Ovmf ovmf = FirmwareLocator.standard().locateOvmf();
        assertThat(ovmf.code()).isRegularFile();
        assertThat(ovmf.varsTemplate()).isRegularFile();
    }

    @Test
    void prepareCopiesTheVarsTemplateOnceAndNeverOverwrites() throws Exception {
        Path template = Files.write(dir.resolve("VARS.fd"), new byte[] {1, 2, 3});
        FirmwareLocator fw = FirmwareLocator.fixed(new FirmwareLocator.Ovmf(dir.resolve("CODE.fd"), template));
        VmDefinition uefi = vm().firmware(Firmware.UEFI).build();
        QemuArgumentBuilder builder = new QemuArgumentBuilder(fw);

        build(uefi, fw, List.of());
        assertThat(QemuArgumentBuilder.nvramFile(paths())).as("build() has no side effects").doesNotExist();

        builder.prepareFiles(uefi, paths());
        Path vars = QemuArgumentBuilder.nvramFile(paths());
        assertThat(vars).hasBinaryContent(new byte[] {1, 2, 3});
        Files.write(vars, new byte[] {9}); // the guest saved its boot entries
        builder.prepareFiles(uefi, paths());
        assertThat(vars).hasBinaryContent(new byte[] {9});

        builder.prepareFiles(vm().id("bios").build(), new VmRuntimePaths(dir.resolve("run2"), dir.resolve("vm2")));
        assertThat(dir.resolve("vm2")).doesNotExist();
    }

    @Test
    void readOnlySataDiskIsRefusedWithTheFieldNamed() {
        VmDefinition vm = VmDefinition.builder("T").id("t").addDisk(new DiskSpec("ro.img", DiskFormat.RAW, DiskBus.SATA, true)).build();
        assertThatThrownBy(() -> build(vm)).isInstanceOf(VmOperationException.class)
                .hasMessageContaining("disks[0]").hasMessageContaining("VIRTIO, SCSI or USB");
    }

    @Test
    void tooManySataDevicesOnQ35() {
        VmDefinition.Builder b = VmDefinition.builder("T").id("t");
        for (int i = 0; i < 7; i++) b.addCdrom(new CdromSpec(null, DiskBus.SATA));
        assertThatThrownBy(() -> build(b.build())).hasMessageContaining("cdroms[6]").hasMessageContaining("6 SATA/IDE ports");
    }

    @Test
    void cdromOnVirtioBusIsRefused() {
        assertThatThrownBy(() -> build(vm().addCdrom(new CdromSpec("x.iso", DiskBus.VIRTIO)).build()))
                .hasMessageContaining("cdroms[0]").hasMessageContaining("SATA, IDE or SCSI");
    }

    @Test
    void unknownMachineOrDeviceNamesWhatIsMissing() {
        assertThatThrownBy(() -> build(vm().machineType("virt").build())).hasMessageContaining("no machine type 'virt'");
        assertThatThrownBy(() -> build(vm().network(new NetworkSpec(NetworkSpec.Mode.NAT, "rtl8139", null, null)).build()))
                .hasMessageContaining("no device 'rtl8139'");
    }

    @Test
    void aFailingBackendIsNamed() {
        DeviceBackend broken = new DeviceBackend() {
            @Override public String name() { return "usb"; }
            @Override public void contribute(VmDefinition vm, BackendContext c, QemuCommandLine cmd) { throw new IllegalStateException("no bus"); }
        };
        assertThatThrownBy(() -> build(vm().build(), GoldenCases.FAKE_FIRMWARE, List.of(broken)))
                .hasMessageContaining("usb backend").hasMessageContaining("no bus");
    }

    @Test
    void aBackendMayChooseTheDisplayButOnlyOneAndOnlyADeviceThisQemuHas() throws Exception {
        DeviceBackend gl = namedChooser("3d", "virtio-vga-gl", "egl-headless");
        assertThatThrownBy(() -> build(vm().build(), GoldenCases.FAKE_FIRMWARE, List.of(gl)))
                .hasMessageContaining("no device 'virtio-vga-gl'");
        List<String> args = build(vm().build(), GoldenCases.FAKE_FIRMWARE, List.of(namedChooser("3d", "VGA", "gtk,gl=on")));
        assertThat(args).containsSubsequence("-device", "VGA,id=video0", "-display", "gtk,gl=on")
                .doesNotContain("virtio-vga,id=video0", "none");
        assertThatThrownBy(() -> build(vm().build(), GoldenCases.FAKE_FIRMWARE,
                List.of(namedChooser("3d", "VGA", "none"), namedChooser("other", "VGA", "none"))))
                .hasMessageContaining("both the 3d and the other backends");
    }

    private static DeviceBackend namedChooser(String name, String driver, String display) {
        return new DeviceBackend() {
            @Override public String name() { return name; }
            @Override public org.vmstation.engine.runtime.DisplayOutput displayOutput(VmDefinition vm, BackendContext c) {
                return new org.vmstation.engine.runtime.DisplayOutput(DeviceProps.of(driver).with("id", DisplayDeviceProps.ID), display);
            }
            @Override public void contribute(VmDefinition vm, BackendContext c, QemuCommandLine cmd) {}
        };
    }

    @Test
    void kernelCommandLineIsPassedVerbatimWhileKeyValueOptionsAreEscaped() throws Exception {
        VmDefinition vm = vm().kernelBoot(new org.vmstation.engine.model.KernelBoot("/k,1/vmlinuz", null, "root=/dev/vda rootflags=rw,noatime")).build();
        List<String> args = build(vm);
        assertThat(args.get(args.indexOf("-kernel") + 1)).isEqualTo("/k,1/vmlinuz");
        assertThat(args.get(args.indexOf("-append") + 1)).isEqualTo("root=/dev/vda rootflags=rw,noatime");
        assertThat(args).doesNotContain("-initrd");
        assertThat(args).noneMatch(a -> a.contains("bootindex")); // the kernel boots first, whatever the boot order says
    }

    @Test
    void stableMacIsDerivedFromTheIdAndExplicitMacWins() throws Exception {
        assertThat(NicDeviceProps.stableMac("abc")).matches("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}")
                .isEqualTo(NicDeviceProps.stableMac("abc")).isNotEqualTo(NicDeviceProps.stableMac("abd"));
        List<String> args = build(vm().network(new NetworkSpec(NetworkSpec.Mode.NAT, null, "52:54:00:00:00:01", null)).build());
        assertThat(args).anyMatch(a -> a.startsWith("virtio-net-pci,") && a.contains("mac=52:54:00:00:00:01"));
    }

    @Test
    void devicePropsRenderTheSameForCommandLineAndQmp() {
        DeviceProps disk = DiskDeviceProps.build(DiskBus.SCSI, "disk1", "disk1", BusSlot.scsi("scsi0.0", 2), 3);
        assertThat(disk.toCommandLine()).isEqualTo("scsi-hd,bus=scsi0.0,channel=0,scsi-id=2,lun=0,drive=disk1,id=disk1,bootindex=3");
        assertThat(disk.toQmp()).containsEntry("driver", "scsi-hd").containsEntry("scsi-id", 2).containsEntry("bootindex", 3);
        BlockdevNode node = BlockdevNode.file("n", "/a,b", true);
        assertThat(node.toCommandLine()).isEqualTo("driver=file,filename=/a,,b,node-name=n,read-only=on");
        assertThat(node.toQmp()).containsEntry("filename", "/a,b").containsEntry("read-only", true);
        assertThat(CdromDeviceProps.build(DiskBus.SATA, "cdrom0", null, BusSlot.bus("ide.1"), null).toCommandLine())
                .isEqualTo("ide-cd,bus=ide.1,id=cdrom0");
    }
}
