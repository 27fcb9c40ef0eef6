package org.vmstation.engine.export;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes an OVF 1.0 descriptor for one VM in the shape VirtualBox and VMware accept: References, DiskSection,
 * NetworkSection, and a VirtualSystem whose VirtualHardwareSection lists RASD items for the CPUs, memory, each
 * disk controller, disk, CD-ROM, the NIC and the display adapter. RASD child elements follow the CIM schema's (alphabetical) order.
 * What OVF cannot say on its own is carried the way other tools do: the firmware as VMware's
 * {@code vmw:Config firmware=efi}, the disk interface as oVirt's {@code disk-interface} attribute, and VMStation's
 * backend settings as optional {@code vmst:Setting key/value} elements in the hardware section.
 */
final class OvfDescriptorWriter {
    static final String OVF = "http://schemas.dmtf.org/ovf/envelope/1";
    static final String RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
    static final String VSSD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
    static final String VMW = "http://www.vmware.com/schema/ovf";
    static final String VMST = "http://vmstation.org/schema/ovf/1";
    static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/common";
    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    static final String STREAM_OPTIMIZED = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    /** CIM_OperatingSystem OsType for each preset (64-bit variants where CIM has one). */
    private static final Map<String, Integer> CIM_OS = Map.ofEntries(
            Map.entry("linux", 101), Map.entry("debian", 96), Map.entry("ubuntu", 94), Map.entry("fedora", 101),
            Map.entry("rhel", 80), Map.entry("centos", 107), Map.entry("opensuse", 85), Map.entry("arch", 101),
            Map.entry("windowsxp", 67), Map.entry("windows7", 105), Map.entry("windows10", 114), Map.entry("windows11", 123),
            Map.entry("windows-server-2008", 103), Map.entry("windows-server-2012", 112), Map.entry("windows-server-2016", 117),
            Map.entry("windows-server-2019", 122), Map.entry("windows-server-2022", 124), Map.entry("freebsd", 78), Map.entry("other", 1));

    private final Document doc;
    private int instanceId;

    private OvfDescriptorWriter() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        this.doc = f.newDocumentBuilder().newDocument();
    }

    /** The descriptor's bytes (UTF-8). */
    static byte[] write(VmDefinition vm, List<ExportedDisk> disks) {
        try {
            return new OvfDescriptorWriter().build(vm, disks);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("the JDK's XML writer failed: " + e.getMessage(), e);
        }
    }

    private byte[] build(VmDefinition vm, List<ExportedDisk> disks) throws TransformerException {
        Element env = doc.createElementNS(OVF, "Envelope");
        doc.appendChild(env);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", OVF);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ovf", OVF);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rasd", RASD);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vssd", VSSD);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vmw", VMW);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vmst", VMST);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI);
        env.setAttributeNS(OVF, "ovf:version", "1.0");
        env.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en-US");

        Element refs = ovf(env, "References");
        for (int i = 0; i < disks.size(); i++) {
            Element f = ovf(refs, "File");
            f.setAttributeNS(OVF, "ovf:href", disks.get(i).fileName());
            f.setAttributeNS(OVF, "ovf:id", "file" + (i + 1));
            f.setAttributeNS(OVF, "ovf:size", Long.toString(disks.get(i).fileSize()));
        }
        if (!disks.isEmpty()) {
            Element ds = ovf(env, "DiskSection");
            text(ovf(ds, "Info"), "Virtual disk information");
            for (int i = 0; i < disks.size(); i++) {
                ExportedDisk d = disks.get(i);
                Element e = ovf(ds, "Disk");
                e.setAttributeNS(OVF, "ovf:capacity", Long.toString(d.capacityBytes()));
                e.setAttributeNS(OVF, "ovf:capacityAllocationUnits", "byte");
                e.setAttributeNS(OVF, "ovf:diskId", "vmdisk" + (i + 1));
                e.setAttributeNS(OVF, "ovf:fileRef", "file" + (i + 1));
                e.setAttributeNS(OVF, "ovf:format", STREAM_OPTIMIZED);
                String iface = diskInterface(d.bus());
                if (iface != null) e.setAttributeNS(VMST, "vmst:disk-interface", iface);
            }
        }
        boolean nic = vm.network().mode() == NetworkSpec.Mode.NAT;
        if (nic) {
            Element ns = ovf(env, "NetworkSection");
            text(ovf(ns, "Info"), "The list of logical networks");
            Element n = ovf(ns, "Network");
            n.setAttributeNS(OVF, "ovf:name", "NAT");
            text(ovf(n, "Description"), "NAT network");
        }
        Element vs = ovf(env, "VirtualSystem");
        vs.setAttributeNS(OVF, "ovf:id", vm.name());
        text(ovf(vs, "Info"), "A virtual machine exported by VMStation");
        text(ovf(vs, "Name"), vm.name());
        if (!vm.notes().isBlank()) {
            Element ann = ovf(vs, "AnnotationSection");
            text(ovf(ann, "Info"), "A human-readable annotation");
            text(ovf(ann, "Annotation"), vm.notes());
        }
        Element os = ovf(vs, "OperatingSystemSection");
        os.setAttributeNS(OVF, "ovf:id", Integer.toString(CIM_OS.getOrDefault(vm.osType(), 1)));
        text(ovf(os, "Info"), "The kind of installed guest operating system");
        text(ovf(os, "Description"), vm.osType());
        hardware(vs, vm, disks, nic);
        return serialize();
    }

    private void hardware(Element vs, VmDefinition vm, List<ExportedDisk> disks, boolean nic) {
        Element hw = ovf(vs, "VirtualHardwareSection");
        text(ovf(hw, "Info"), "Virtual hardware requirements");
        Element sys = ovf(hw, "System");
        text(el(sys, VSSD, "vssd:ElementName"), "Virtual Hardware Family");
        text(el(sys, VSSD, "vssd:InstanceID"), "0");
        text(el(sys, VSSD, "vssd:VirtualSystemIdentifier"), vm.name());
        text(el(sys, VSSD, "vssd:VirtualSystemType"), "vmx-10");

        item(hw, rasd("AllocationUnits", "hertz * 10^6", "Description", "Number of virtual CPUs",
                "ElementName", vm.cpus() + " virtual CPU(s)", "InstanceID", next(), "ResourceType", "3",
                "VirtualQuantity", Integer.toString(vm.cpus())));
        item(hw, rasd("AllocationUnits", "byte * 2^20", "Description", "Memory size",
                "ElementName", vm.memoryMiB() + " MB of memory", "InstanceID", next(), "ResourceType", "4",
                "VirtualQuantity", Long.toString(vm.memoryMiB())));

        Map<DiskBus, String> controllers = new LinkedHashMap<>();
        Map<DiskBus, Integer> units = new LinkedHashMap<>();
        List<DiskBus> needed = new ArrayList<>();
        for (ExportedDisk d : disks) needed.add(controllerBus(d.bus()));
        for (CdromSpec c : vm.cdroms()) needed.add(controllerBus(c.bus()));
        for (DiskBus b : needed) {
            if (controllers.containsKey(b)) continue;
            String id = next();
            controllers.put(b, id);
            String[] kind = switch (b) {
                case IDE -> new String[] {"IDE controller", "PIIX4", "5"};
                case SCSI -> new String[] {"SCSI controller", "lsilogic", "6"};
                case NVME -> new String[] {"NVMe controller", "vmware.nvme.controller", "20"};
                default -> new String[] {"SATA controller", "AHCI", "20"};
            };
            item(hw, rasd("Address", "0", "Description", kind[0], "ElementName", kind[0], "InstanceID", id,
                    "ResourceSubType", kind[1], "ResourceType", kind[2]));
        }
        for (int i = 0; i < disks.size(); i++) {
            DiskBus b = controllerBus(disks.get(i).bus());
            int unit = units.merge(b, 1, Integer::sum) - 1;
            item(hw, rasd("AddressOnParent", Integer.toString(unit), "ElementName", "Hard disk " + (i + 1),
                    "HostResource", "ovf:/disk/vmdisk" + (i + 1), "InstanceID", next(), "Parent", controllers.get(b), "ResourceType", "17"));
        }
        for (int i = 0; i < vm.cdroms().size(); i++) {
            DiskBus b = controllerBus(vm.cdroms().get(i).bus());
            int unit = units.merge(b, 1, Integer::sum) - 1;
            item(hw, rasd("AddressOnParent", Integer.toString(unit), "AutomaticAllocation", "false",
                    "ElementName", "CD/DVD drive " + (i + 1), "InstanceID", next(), "Parent", controllers.get(b), "ResourceType", "15"));
        }
        if (nic) {
            NetworkSpec n = vm.network();
            List<String> values = new ArrayList<>();
            if (n.macAddress() != null) values.addAll(List.of("Address", n.macAddress()));
            values.addAll(List.of("AddressOnParent", "0", "AutomaticAllocation", "true", "Connection", "NAT",
                    "ElementName", "Network adapter 1", "InstanceID", next(), "ResourceSubType", nicSubType(n.model()), "ResourceType", "10"));
            item(hw, rasd(values.toArray(String[]::new)));
        }
        display(hw, vm.display());
        if (vm.firmware() == Firmware.UEFI) {
            vmwConfig(hw, "firmware", "efi");
        }
        // Backend settings (laptop power devices, resource limits...) have no OVF or VMware form: they travel in
        // VMStation's own namespace, marked optional so that VirtualBox and VMware skip them.
        for (var setting : vm.settings().entrySet()) {
            Element s = el(hw, VMST, "vmst:Setting");
            s.setAttributeNS(OVF, "ovf:required", "false");
            s.setAttributeNS(VMST, "vmst:key", setting.getKey());
            s.setAttributeNS(VMST, "vmst:value", setting.getValue());
        }
    }

    /**
     * The display adapter as VMware's ovftool writes its video card: a "Graphics controller" item (CIM type 24) with
     * {@code vmw:Config enable3DSupport} and {@code use3dRenderer} ("automatic" for Auto, "hardware" for On). OVF has no
     * field for the model and VMware none for other adapters, so the QEMU device name goes in ResourceSubType, which
     * VMware and VirtualBox ignore for this type; "none" marks a VM without a display. Video memory is not written:
     * VMStation does not set it (QEMU's adapter default applies).
     */
    private void display(Element hw, DisplaySpec display) {
        DisplaySpec.Adapter adapter = display.adapter();
        String model = adapter == DisplaySpec.Adapter.NONE ? "none" : adapter.qemuDevice();
        Element item = ovf(hw, "Item");
        item.setAttributeNS(OVF, "ovf:required", "false");
        text(el(item, RASD, "rasd:AutomaticAllocation"), Boolean.toString(adapter != DisplaySpec.Adapter.NONE));
        text(el(item, RASD, "rasd:ElementName"), adapter == DisplaySpec.Adapter.NONE ? "No display adapter" : "Video card");
        text(el(item, RASD, "rasd:InstanceID"), next());
        text(el(item, RASD, "rasd:ResourceSubType"), model);
        text(el(item, RASD, "rasd:ResourceType"), "24");
        boolean on = display.acceleration3d() != DisplaySpec.Acceleration3d.OFF;
        vmwConfig(item, "enable3DSupport", Boolean.toString(on));
        if (on) vmwConfig(item, "use3dRenderer", display.acceleration3d() == DisplaySpec.Acceleration3d.AUTO ? "automatic" : "hardware");
    }

    private void vmwConfig(Element parent, String key, String value) {
        Element c = el(parent, VMW, "vmw:Config");
        c.setAttributeNS(OVF, "ovf:required", "false");
        c.setAttributeNS(VMW, "vmw:key", key);
        c.setAttributeNS(VMW, "vmw:value", value);
    }

    /** The controller a disk hangs off in OVF: virtio and USB disks have no CIM controller and go on SATA. */
    private static DiskBus controllerBus(DiskBus bus) {
        return switch (bus) {
            case IDE, SCSI, NVME -> bus;
            default -> DiskBus.SATA;
        };
    }

    private static String diskInterface(DiskBus bus) {
        return switch (bus) {
            case VIRTIO -> "virtio";
            case IDE -> "ide";
            case SATA -> "sata";
            default -> null;
        };
    }

    /** The NIC model as VirtualBox and VMware name it where they have it, else QEMU's name. */
    static String nicSubType(String qemuModel) {
        return switch (qemuModel) {
            case "e1000" -> "E1000";
            case "e1000e" -> "E1000e";
            case "virtio-net-pci" -> "virtio";
            case "pcnet" -> "PCNet32";
            default -> qemuModel;
        };
    }

    private String next() { return Integer.toString(++instanceId); }

    private static String[] rasd(String... keyValues) { return keyValues; }

    private void item(Element hw, String[] keyValues) {
        Element item = ovf(hw, "Item");
        for (int i = 0; i < keyValues.length; i += 2) text(el(item, RASD, "rasd:" + keyValues[i]), keyValues[i + 1]);
    }

    private Element ovf(Element parent, String name) { return el(parent, OVF, "ovf:" + name); }

    private Element el(Element parent, String ns, String qname) {
        Element e = doc.createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    private static void text(Element e, String value) { e.setTextContent(value); }

    private byte[] serialize() throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "yes");
        t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
