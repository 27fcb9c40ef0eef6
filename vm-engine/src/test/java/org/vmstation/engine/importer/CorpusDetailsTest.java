package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

/** The interesting corpus files named in SOURCES.md, checked item by item. */
class CorpusDetailsTest {
    private static ImportPlan read(String name) throws ImportException {
        return ImporterRegistry.standard().read(Corpus.file(name));
    }

    private static ImportedVm only(String name) throws ImportException {
        ImportPlan plan = read(name);
        assertThat(plan.vms()).hasSize(1);
        return plan.vms().getFirst();
    }

    private static boolean warned(ImportedVm vm, String fragment) {
        return vm.warnings().stream().anyMatch(w -> w.message().contains(fragment));
    }

    @Test
    void vmxWith21DisksOnTwoPvscsiControllersKeepsAllInOrder() throws ImportException {
        ImportedVm vm = only("vmx/esxi-hw8-21-disks-pvscsi.vmx");
        assertThat(vm.definition().disks()).hasSize(21).allMatch(d -> d.bus() == DiskBus.SCSI);
        assertThat(vm.definition().disks().getFirst().path()).endsWith("BZ1308535_21disks.vmdk");
        assertThat(vm.definition().disks().getLast().path()).endsWith("BZ1308535_21disks_20.vmdk");
        assertThat(vm.definition().cdroms()).singleElement().satisfies(c -> assertThat(c.isoPath()).endsWith("Server-x86_64-boot.iso"));
        assertThat(vm.nics()).singleElement().satisfies(n -> {
            assertThat(n.sourceModel()).isEqualTo("vmxnet3");
            assertThat(n.qemuModel()).isEqualTo("virtio-net-pci");
        });
        assertThat(warned(vm, "vmxnet3 → virtio-net-pci")).isTrue();
        assertThat(vm.details().sourceFormat()).contains("hardware version 8");
    }

    @Test
    void vmxEfiSecureBootNvmeAndXhci() throws ImportException {
        ImportedVm win = only("vmx/esxi-hw17-win2019-efi-usb-xhci.vmx");
        VmDefinition d = win.definition();
        assertThat(d.firmware()).isEqualTo(Firmware.UEFI);
        assertThat(win.details().secureBoot()).isTrue();
        assertThat(d.osType()).isEqualTo("windows-server-2019");
        assertThat(d.memoryMiB()).isEqualTo(4096);
        assertThat(d.cpus()).isEqualTo(2);
        assertThat(d.disks()).extracting(x -> x.bus()).containsExactly(DiskBus.SCSI, DiskBus.SATA);
        assertThat(d.network().macAddress()).isEqualTo("00:0c:29:46:9b:0b");
        assertThat(win.details().usbController()).isEqualTo("qemu-xhci");
        assertThat(warned(win, "USB controller 'usb_xhci' kept as qemu-xhci")).isTrue();
        assertThat(win.details().nvramFile()).isEqualTo("win2019.nvram");

        ImportedVm rhel = only("vmx/esxi-hw14-rhel86-nvme.vmx");
        assertThat(rhel.definition().disks()).singleElement().satisfies(x -> assertThat(x.bus()).isEqualTo(DiskBus.NVME));
        assertThat(rhel.definition().cdroms()).singleElement().satisfies(c -> assertThat(c.isoPath()).isNull());
        assertThat(rhel.definition().osType()).isEqualTo("rhel");
    }

    @Test
    void vmxQuirksCrlfShebangBlankLinesMixedCaseAndSubfolder() throws ImportException {
        ImportedVm crlf = only("vmx/workstation-hw11-msedge-win10-crlf.vmx");
        assertThat(crlf.definition().name()).isEqualTo("MSEdge - Win10_preview");
        assertThat(crlf.definition().memoryMiB()).isEqualTo(2048);
        assertThat(crlf.definition().osType()).isEqualTo("windows10");
        ImportedVm gsx = only("vmx/gsx-hw4-debian-blank-lines.vmx");
        assertThat(gsx.definition().name()).isEqualTo("Client");
        assertThat(gsx.definition().memoryMiB()).isEqualTo(264);
        assertThat(gsx.definition().cdroms()).as("ide1:0 is present = FALSE").isEmpty();
        ImportedVm fusion = only("vmx/fusion-hw9-winxp-two-nics-buslogic.vmx");
        assertThat(fusion.nics()).hasSize(2);
        assertThat(fusion.definition().osType()).isEqualTo("windowsxp");
        assertThat(warned(fusion, "NIC 2")).isTrue();
        ImportedVm sub = only("vmx/esxi8-hw20-win11-subfolder-disk.vmx");
        assertThat(sub.disks().get(1).file().toString()).endsWith("vmx/subfolder/esx8.0-win11-with-second-disk-in-subfolder_1.vmdk");
    }

    @Test
    void ovfWin2019IsUefiWithSecureBootAndTpm() throws ImportException {
        ImportedVm vm = only("ovf/vsphere-vmx19-win2019-efi-vtpm.ovf");
        assertThat(vm.definition().firmware()).isEqualTo(Firmware.UEFI);
        assertThat(vm.details().secureBoot()).isTrue();
        assertThat(vm.details().tpm()).isTrue();
        assertThat(vm.definition().osType()).isEqualTo("windows-server-2019");
        assertThat(vm.nics()).singleElement().satisfies(n -> assertThat(n.qemuModel()).isEqualTo("e1000e"));
    }

    @Test
    void ovfChineseNameKeepsItsLetters() throws ImportException {
        ImportedVm vm = only("ovf/vsphere-vmx13-chinese-characters.ovf");
        assertThat(vm.definition().name()).startsWith("虚拟机").contains("fgdr").endsWith("测试");
        assertThat(vm.definition().osType()).isEqualTo("windows-server-2008");
        assertThat(warned(vm, "虚拟机,fgdr@$%@测试")).as("the name change is reported with the original").isTrue();
    }

    @Test
    void ovfMultiNicReportsBothNics() throws ImportException {
        ImportedVm vm = only("ovf/vmware-vcenter-vmx07-winxp-multinic.ovf");
        assertThat(vm.nics()).hasSize(2).allMatch(n -> n.sourceModel().equals("PCNet32"));
        assertThat(vm.definition().disks()).hasSize(2);
        assertThat(vm.disks()).extracting(SourceDisk::capacityBytes).containsExactly(1536L << 20, 2L << 30);
        assertThat(warned(vm, "NIC 2 (PCNet32) dropped")).isTrue();
    }

    @Test
    void virtualSystemCollectionYieldsTwoVms() throws ImportException {
        ImportPlan plan = read("ovf/dmtf-ovf2-virtualsystemcollection.ovf");
        assertThat(plan.format()).contains("OVF 2.x");
        assertThat(plan.vms()).extracting(v -> v.definition().name()).containsExactly("Virtual Appliance One", "Virtual Appliance Two");
        assertThat(plan.vms()).allSatisfy(v -> {
            assertThat(v.definition().memoryMiB()).isEqualTo(1024);
            assertThat(warned(v, "has no disk image")).isTrue();
        });
        assertThat(plan.vms().get(1).definition().network().macAddress()).isEqualTo("00:16:8b:db:00:5f");
    }

    @Test
    void ovfNamespaceAndUnitTraps() throws ImportException {
        ImportedVm win10 = only("ovf/vmware-ovftool-4.1-win10-rasd-ns-on-items.ovf");
        assertThat(win10.definition().memoryMiB()).isEqualTo(6144);
        assertThat(win10.disks().getFirst().capacityBytes()).isEqualTo(128L << 30);
        assertThat(win10.definition().osType()).isEqualTo("windows10");
        ImportedVm ganeti = only("ovf/ganeti-export-xen-pvm.ovf");
        assertThat(ganeti.disks().getFirst().capacityBytes()).as("no ovf:capacity").isEqualTo(-1);
        assertThat(ganeti.definition().memoryMiB()).isEqualTo(2048);
        assertThat(ganeti.definition().network().macAddress()).isEqualTo("aa:00:00:d8:2c:1e");
        ImportedVm ovirt = only("ovf/ovirt-engine-3.3-vm-export.ovf");
        assertThat(ovirt.definition().disks()).singleElement().satisfies(d -> assertThat(d.bus()).isEqualTo(DiskBus.VIRTIO));
        assertThat(ovirt.disks().getFirst().capacityBytes()).isEqualTo(1L << 30);
        assertThat(ovirt.details().snapshots()).isEqualTo(1);
        ImportedVm xen = only("ovf/xenserver-xenovf-utf16-declared.ovf");
        assertThat(xen.definition().name()).isEqualTo("Web server");
        assertThat(xen.definition().disks()).singleElement().satisfies(d -> assertThat(d.format().qemuName()).isEqualTo("vpc"));
        ImportedVm legacy = only("ovf/virtualbox-ovf0.9-winxp.ovf");
        assertThat(legacy.definition().memoryMiB()).isEqualTo(192);
        assertThat(legacy.definition().osType()).isEqualTo("windowsxp");
        ImportedVm options = only("ovf/vmware-ovftool-4.0-three-disks-multiline-attrs.ovf");
        assertThat(warned(options, "deployment option 'large'")).isTrue();
        assertThat(options.details().nvramFile()).isEqualTo("uber.nvram");
    }

    @Test
    void vboxLayoutsSnapshotsAndForwards() throws ImportException {
        ImportedVm snap = only("vbox/virtualbox-6.1-ubuntu-snapshot-savedstate.vbox");
        assertThat(snap.details().snapshots()).isEqualTo(1);
        assertThat(warned(snap, "snapshot tree: 1 snapshot(s), only the current state is imported")).isTrue();
        assertThat(snap.disks().getFirst().file().toString()).contains("Snapshots/{181848e3");
        ImportedVm nat = only("vbox/virtualbox-7.2.4-ubuntu2404-nat-portforward.vbox");
        assertThat(nat.definition().network().forwards()).containsExactly(new PortForward(PortForward.Protocol.TCP, "127.0.0.1", 2222, 22));
        assertThat(nat.definition().memoryMiB()).isEqualTo(6144);
        assertThat(nat.definition().cpus()).isEqualTo(2);
        ImportedVm nested = only("vbox/virtualbox-7.0-windows-host-ubuntu-unattended.vbox");
        assertThat(nested.definition().disks()).singleElement().satisfies(d -> assertThat(d.bus()).isEqualTo(DiskBus.SATA));
        assertThat(nested.definition().cdroms()).singleElement().satisfies(c -> assertThat(c.isoPath()).isNull());
        ImportedVm old = only("vbox/libvirt-vbox-driver-1.12-two-disks-nosnap.vbox");
        assertThat(old.definition().disks()).hasSize(2).allMatch(d -> d.bus() == DiskBus.IDE);
        assertThat(old.nics()).as("7 of 8 adapters disabled").hasSize(1);
    }

    @Test
    void libvirtFirmwareTpmAndRefusals() throws ImportException {
        assertThat(only("libvirt/libvirt-test-bios-nvram-ovmf-pflash.xml").definition().firmware()).isEqualTo(Firmware.UEFI);
        ImportedVm sb = only("libvirt/virt-install-uefi-secure-boot.xml");
        assertThat(sb.details().secureBoot()).isTrue();
        assertThat(sb.definition().machineType()).isEqualTo("pc");
        ImportedVm win = only("libvirt/virtmanager-edited-win11-passthrough.xml");
        assertThat(win.definition().osType()).isIn("windows11", "windows10");
        assertThat(win.details().tpm()).isTrue();
        assertThat(warned(win, "host device passthrough")).isTrue();
        ImportedVm gl = only("libvirt/libvirt-test-video-virtio-gpu-spice-gl.xml");
        assertThat(gl.definition().display().acceleration3d()).isEqualTo(DisplaySpec.Acceleration3d.ON);
        ImportedVm arm = only("libvirt/virt-install-aarch64-win11-efi-tpm.xml");
        assertThat(arm.details().architecture()).isEqualTo("aarch64");
        assertThat(arm.definition().osType()).isEqualTo("windows11");
    }

    @Test
    void xenSyntaxes() throws ImportException {
        ImportedVm kv = only("xen/libvirt-xl-hvm-ovmf-keyvalue-disks-cdrom.cfg");
        assertThat(kv.definition().firmware()).isEqualTo(Firmware.UEFI);
        assertThat(kv.definition().disks()).extracting(d -> d.format().qemuName()).containsExactly("raw", "qcow2");
        assertThat(kv.definition().cdroms()).singleElement().satisfies(c -> assertThat(c.isoPath()).isEqualTo("/root/boot.iso"));
        assertThat(kv.definition().network().macAddress()).isEqualTo("00:16:3e:66:92:9c");
        ImportedVm xm = only("xen/xm-example2-python-def-vmid-format.cfg");
        assertThat(warned(xm, "Python")).isTrue();
        assertThat(xm.definition().cpus()).as("inline comment after the value").isEqualTo(4);
        ImportedVm arm = only("xen/xt-arm64-domu-renesas-m3-iomem-irqs.cfg");
        assertThat(arm.details().architecture()).isEqualTo("aarch64");
        assertThat(arm.definition().memoryMiB()).isEqualTo(1536);
    }

    @Test
    void parallelsUtmAndQuickemu() throws ImportException {
        ImportedVm pvs = only("parallels/parallels-desktop-3.0-ini-winxp-network.pvs");
        assertThat(pvs.definition().network().macAddress()).isEqualTo("00:1c:42:a8:c9:54");
        assertThat(pvs.definition().osType()).isEqualTo("windowsxp");
        ImportedVm utm = only("utm/utm4-x86_64-q35-osx-10.6-penryn.plist");
        assertThat(utm.definition().cpus()).isEqualTo(8);
        assertThat(utm.definition().firmware()).isEqualTo(Firmware.UEFI);
        assertThat(utm.details().sound()).isEqualTo("intel-hda");
        ImportedVm m68k = only("utm/utm4-m68k-q800-macos-7.5.5.plist");
        assertThat(m68k.details().architecture()).isEqualTo("m68k");
        ImportedVm q = only("quickemu/windows-11-port-forwards-public-dir.conf");
        assertThat(q.definition().cpus()).isEqualTo(4);
        assertThat(q.definition().memoryMiB()).isEqualTo(8192);
        // quickemu forwards each HOST:GUEST pair for TCP and for UDP
        assertThat(q.definition().network().forwards()).hasSize(8)
                .extracting(PortForward::toString).contains("tcp:127.0.0.1:6501:6501", "udp:127.0.0.1:6504:6504");
        assertThat(q.details().tpm()).isTrue();
        assertThat(q.details().secureBoot()).isFalse();
        assertThat(q.details().sound()).isNull();
        assertThat(q.disks().getFirst().capacityBytes()).isEqualTo(64L << 30);
    }
}
