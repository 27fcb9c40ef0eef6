package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * Every file of the shared real-world corpus is read: it either maps to VMs with sane basics and the expected
 * number of VMs and disks, or is refused with the expected sentence. A corpus file without an expectation
 * here fails the build, so new corpus files get looked at.
 */
class CorpusImportTest {
    /** Expected outcome: VM count and disk count per VM, or a fragment of the refusal message. */
    record Expect(int vms, int disksEach, String refusal) {
        static Expect vm(int disks) { return new Expect(1, disks, null); }
        static Expect refused(String fragment) { return new Expect(0, 0, fragment); }
    }

    static final Map<String, Expect> EXPECTED = Map.ofEntries(
            Map.entry("libvirt/libvirt-test-bios-nvram-ovmf-pflash.xml", Expect.vm(1)),
            Map.entry("libvirt/libvirt-test-hostdev-usb-address.xml", Expect.vm(1)),
            Map.entry("libvirt/libvirt-test-memory-hotplug-dimm-maxmemory.xml", Expect.vm(1)),
            Map.entry("libvirt/libvirt-test-q35-virt-manager-basic.xml", Expect.vm(1)),
            Map.entry("libvirt/libvirt-test-tpm-emulator-tpm2-encrypted.xml", Expect.vm(0)),
            Map.entry("libvirt/libvirt-test-video-virtio-gpu-spice-gl.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-aarch64-win11-efi-tpm.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-hvf-macos-host.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-many-devices.xml", Expect.vm(13)),
            Map.entry("libvirt/virt-install-mdev-hostdevs.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-riscv64-graphics.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-s390x-ccw-no-disk.xml", Expect.refused("guest architecture 's390x'")),
            Map.entry("libvirt/virt-install-sev-snp-full.xml", Expect.vm(0)),
            Map.entry("libvirt/virt-install-testdriver-edgecases.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-uefi-secure-boot.xml", Expect.vm(0)),
            Map.entry("libvirt/virt-install-virtio-sound.xml", Expect.vm(1)),
            Map.entry("libvirt/virt-install-vz-container-template.xml", Expect.refused("is a container, not a virtual machine")),
            Map.entry("libvirt/virt-v2v-output-from-ova.xml", Expect.vm(1)),
            Map.entry("libvirt/virtmanager-edited-win11-passthrough.xml", Expect.vm(2)),
            Map.entry("ovf/dmtf-ovf2-virtualsystemcollection.ovf", new Expect(2, 0, null)),
            Map.entry("ovf/ganeti-export-xen-pvm.ovf", Expect.vm(1)),
            Map.entry("ovf/ganeti-export.mf", Expect.refused("is an OVF manifest, not a VM")),
            Map.entry("ovf/ovirt-engine-3.3-vm-export.ovf", Expect.vm(1)),
            Map.entry("ovf/ubuntu-24.10-cloudimg.ovf", Expect.vm(1)),
            Map.entry("ovf/virtualbox-4.2-centos64-with-vbox-machine.ovf", Expect.vm(1)),
            Map.entry("ovf/virtualbox-ovf0.9-winxp.ovf", Expect.vm(1)),
            Map.entry("ovf/virtualbox-ovf1.0-all-storage-controllers.ovf", Expect.vm(2)),
            Map.entry("ovf/vmware-ovftool-4.0-three-disks-multiline-attrs.ovf", Expect.vm(3)),
            Map.entry("ovf/vmware-ovftool-4.0-ttylinux.mf", Expect.refused("is an OVF manifest, not a VM")),
            Map.entry("ovf/vmware-ovftool-4.0-ttylinux.ovf", Expect.vm(1)),
            Map.entry("ovf/vmware-ovftool-4.1-win10-rasd-ns-on-items.ovf", Expect.vm(1)),
            Map.entry("ovf/vmware-ovftool-4.1-win2008r2-two-disks.ovf", Expect.vm(2)),
            Map.entry("ovf/vmware-ovftool-4.3-photon5-properties.ovf", Expect.vm(1)),
            Map.entry("ovf/vmware-ovftool-build1623387-testova.ovf", Expect.vm(1)),
            Map.entry("ovf/vmware-studio-ovf0.9-two-disks-eula.ovf", Expect.vm(2)),
            Map.entry("ovf/vmware-vcenter-2009-rhel5-extra-file.ovf", Expect.vm(2)),
            Map.entry("ovf/vmware-vcenter-vmx07-winxp-multinic.ovf", Expect.vm(2)),
            Map.entry("ovf/vsphere-vmx13-chinese-characters.ovf", Expect.vm(1)),
            Map.entry("ovf/vsphere-vmx19-win2019-efi-vtpm.ovf", Expect.vm(1)),
            Map.entry("ovf/xenserver-xenovf-utf16-declared.ovf", Expect.vm(1)),
            Map.entry("parallels/invalid-log-text-with-nul-bytes.pvs", Expect.refused("contains NUL bytes")),
            Map.entry("parallels/parallels-desktop-3.0-ini-slash-in-vm-name.pvs", Expect.vm(1)),
            Map.entry("parallels/parallels-desktop-3.0-ini-winxp-network.pvs", Expect.vm(1)),
            Map.entry("parallels/parallels-xml-appversion-3.0-hdd-fdd-serial.pvs", Expect.vm(1)),
            Map.entry("parallels/parallels-xml-config-dynlists-cdrom-bridged-no-hdd.pvs", Expect.vm(0)),
            Map.entry("parallels/parallels-xml-minimal-cpu-ram-only.pvs", Expect.vm(0)),
            Map.entry("quickemu/macos-sonoma.conf", Expect.vm(2)),
            Map.entry("quickemu/windows-10-22h2.conf", Expect.vm(1)),
            Map.entry("quickemu/windows-11-broken-shebang.conf", Expect.vm(1)),
            Map.entry("quickemu/windows-11-minimal-nix-profile.conf", Expect.vm(1)),
            Map.entry("quickemu/windows-11-port-forwards-public-dir.conf", Expect.vm(1)),
            Map.entry("utm/utm2-ppc-mac99-macos-9.2.2-view.plist", Expect.refused("view.plist")),
            Map.entry("utm/utm2-ppc-mac99-macos-9.2.2.plist", Expect.vm(1)),
            Map.entry("utm/utm2-ppc-mac99-osx-10.4.plist", Expect.vm(1)),
            Map.entry("utm/utm2-ppc-mac99-osx-public-beta-no-network.plist", Expect.vm(1)),
            Map.entry("utm/utm2-x86_64-q35-osx-10.9-ovmf.plist", Expect.vm(2)),
            Map.entry("utm/utm4-m68k-q800-macos-7.5.5.plist", Expect.vm(1)),
            Map.entry("utm/utm4-x86_64-q35-macos-12-nvme.plist", Expect.vm(2)),
            Map.entry("utm/utm4-x86_64-q35-osx-10.6-penryn.plist", Expect.vm(1)),
            Map.entry("vbox/libvirt-vbox-driver-1.12-two-disks-nosnap.vbox", Expect.vm(2)),
            Map.entry("vbox/virtualbox-6.1-ubuntu-snapshot-savedstate.vbox", Expect.vm(1)),
            Map.entry("vbox/virtualbox-7.0-fedora41-minimal-vhd.vbox", Expect.vm(1)),
            Map.entry("vbox/virtualbox-7.0-windows-host-ubuntu-unattended.vbox", Expect.vm(1)),
            Map.entry("vbox/virtualbox-7.2.4-ubuntu2404-nat-portforward.vbox", Expect.vm(1)),
            Map.entry("vmx/esxi-hw14-rhel86-nvme.vmx", Expect.vm(1)),
            Map.entry("vmx/esxi-hw17-win2019-efi-usb-xhci.vmx", Expect.vm(2)),
            Map.entry("vmx/esxi-hw8-21-disks-pvscsi.vmx", Expect.vm(21)),
            Map.entry("vmx/esxi-hw8-rhel71-uefi.vmx", Expect.vm(1)),
            Map.entry("vmx/esxi8-hw20-rhel94-efi-secureboot-nvme.vmx", Expect.vm(1)),
            Map.entry("vmx/esxi8-hw20-win11-subfolder-disk.vmx", Expect.vm(2)),
            Map.entry("vmx/fusion-hw9-winxp-two-nics-buslogic.vmx", Expect.vm(1)),
            Map.entry("vmx/gsx-hw4-debian-blank-lines.vmx", Expect.vm(1)),
            Map.entry("vmx/workstation-hw11-msedge-win10-crlf.vmx", Expect.vm(1)),
            Map.entry("vmx/workstation-minimal-test1.vmx", Expect.vm(1)),
            Map.entry("vmx/workstation-vmdk-descriptor-dir.vmx", Expect.vm(1)),
            Map.entry("xen/libvirt-xl-hvm-builder-usb-usbdevice-list.cfg", Expect.vm(1)),
            Map.entry("xen/libvirt-xl-hvm-ovmf-keyvalue-disks-cdrom.cfg", Expect.vm(2)),
            Map.entry("xen/libvirt-xl-pv-pygrub-maxvcpus.cfg", Expect.vm(1)),
            Map.entry("xen/libvirt-xl-pv-pygrub-usbctrl-qcow2.cfg", Expect.vm(1)),
            Map.entry("xen/xl-example-hvm-type-hvm-sdl.cfg", Expect.vm(1)),
            Map.entry("xen/xl-example-pvhlinux-type-pvh.cfg", Expect.vm(1)),
            Map.entry("xen/xl-example-pvlinux-direct-kernel.cfg", Expect.vm(1)),
            Map.entry("xen/xm-example-hvm-2009-python-import-builder-hvm.cfg", Expect.vm(1)),
            Map.entry("xen/xm-example2-python-def-vmid-format.cfg", Expect.vm(1)),
            Map.entry("xen/xt-arm64-domu-renesas-m3-iomem-irqs.cfg", Expect.vm(0)),
            Map.entry("xen/xt-arm64-domu-vdevices-nested-vsnd-backend-domd.cfg", Expect.vm(1)));

    static Stream<Arguments> corpusFiles() {
        return Corpus.all().stream().map(p -> Arguments.of(Corpus.relative(p), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyCorpusFileIsReadOrRefusedAsExpected(String name, Path file) throws ImportException {
        Expect expect = EXPECTED.get(name);
        assertThat(expect).as("corpus file %s has no expectation in CorpusImportTest.EXPECTED: read it, review the result, add one", name)
                .isNotNull();
        if (expect.refusal() != null) {
            assertThatThrownBy(() -> ImporterRegistry.standard().read(file))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(expect.refusal());
            return;
        }
        ImportPlan plan = ImporterRegistry.standard().read(file);
        assertThat(plan.vms()).hasSize(expect.vms());
        for (ImportedVm vm : plan.vms()) {
            VmDefinition d = vm.definition();
            assertThat(d.name()).as("name").isNotBlank().hasSizeLessThanOrEqualTo(VmValidator.MAX_NAME_LENGTH)
                    .matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()+-]*");
            assertThat(d.memoryMiB()).as("memory").isPositive();
            assertThat(d.cpus()).as("cpus").isGreaterThanOrEqualTo(1);
            assertThat(d.disks()).as("disks").hasSize(expect.disksEach());
            assertThat(vm.disks()).as("source disks match definition disks").hasSize(d.disks().size());
            for (int i = 0; i < vm.disks().size(); i++) {
                SourceDisk sd = vm.disks().get(i);
                assertThat(sd.diskIndex()).isEqualTo(i);
                assertThat(d.disks().get(i).path()).isEqualTo(sd.sourceDisplayPath());
                assertThat(sd.targetFileName()).endsWith(".qcow2");
            }
            assertThat(d.osType()).isIn(OsMapping.PRESETS);
            assertThat(java.util.UUID.fromString(d.id())).isNotNull();
            assertThat(VmValidator.problems(d, new org.vmstation.engine.model.ValidationContext(1 << 20, 64, Map.of(), Path.of("/"), p -> true)))
                    .as("the mapped definition is valid apart from missing files")
                    .filteredOn(p -> !p.field().startsWith("disks") && !p.field().startsWith("cdroms") && !p.field().startsWith("kernelBoot"))
                    .isEmpty();
        }
    }

    @Test
    void everyExpectationNamesAnExistingCorpusFile() {
        List<String> present = Corpus.all().stream().map(Corpus::relative).toList();
        assertThat(present).containsAll(EXPECTED.keySet());
    }
}
