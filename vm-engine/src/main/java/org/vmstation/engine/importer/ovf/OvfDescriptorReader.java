package org.vmstation.engine.importer.ovf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.ImportedVm;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.importer.vbox.VboxMachineReader;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Maps an OVF envelope (0.9, 1.x, 2.x; VMware, VirtualBox, XenServer, oVirt, Ganeti dialects) to VMs. Sections
 * are found both by element name and by {@code xsi:type} (OVF 0.9 and oVirt write {@code <Section xsi:type=
 * "ovf:DiskSection_Type">}); items are read by the local names of their children, whatever namespace.
 */
final class OvfDescriptorReader {
    private final Path file;
    private final Element envelope;
    private final PackageFiles files;
    private final Map<String, Element> fileRefs = new HashMap<>();
    private final Map<String, Element> disksById = new LinkedHashMap<>();
    private final List<ImportWarning> fileWarnings = new ArrayList<>();
    private final List<String> ganetiMacs = new ArrayList<>();
    private final java.util.Set<String> referencedDisks = new java.util.HashSet<>();
    private final String version;
    private final String dialect;

    OvfDescriptorReader(Path file, Document doc, PackageFiles files) throws ImportException {
        this.file = file;
        this.envelope = doc.getDocumentElement();
        this.files = files;
        if (!Dom.localName(envelope).equals("Envelope")) {
            throw new ImportException(file, "root element is <" + envelope.getNodeName() + ">; an OVF descriptor starts with <Envelope>");
        }
        this.version = detectVersion();
        this.dialect = detectDialect();
        for (Element nic : Dom.descendants(envelope, "Nic")) {
            String mac = Dom.childText(nic, "MACAddress");
            if (mac != null) ganetiMacs.add(mac);
        }
        Element refs = section(envelope, "References");
        for (Element f : Dom.children(refs, "File")) {
            String id = Dom.attr(f, "id");
            if (id != null) fileRefs.put(id, f);
        }
        for (Element ds : sections(envelope, "DiskSection")) {
            for (Element d : Dom.children(ds, "Disk")) {
                String id = Dom.attr(d, "diskId");
                if (id != null) disksById.put(id, d);
            }
        }
    }

    String formatName() { return "OVF " + version + " (" + dialect + ")"; }

    List<ImportWarning> fileWarnings() { return fileWarnings; }

    List<ImportedVm> read() throws ImportException {
        List<Element> systems = new ArrayList<>();
        collectSystems(envelope, systems);
        if (systems.isEmpty()) {
            throw new ImportException(file, "holds no <VirtualSystem> (nor <Content xsi:type=\"ovf:VirtualSystem_Type\">); nothing to import");
        }
        List<ImportedVm> out = new ArrayList<>();
        for (Element vs : systems) out.add(readSystem(vs, systems.size() == 1));
        return out;
    }

    private String detectVersion() {
        String ns = envelope.getNamespaceURI() == null ? "" : envelope.getNamespaceURI();
        String declared = Dom.attr(envelope, "version");
        if (ns.contains("vmware.com/schema/ovf/1/envelope") || "0.9".equals(declared)) return "0.9";
        if (ns.contains("/ovf/envelope/2")) return "2.x";
        return "1.x";
    }

    private String detectDialect() {
        String all = attributesText(envelope);
        if (Dom.descendants(envelope, "GanetiSection").size() > 0) return "Ganeti";
        if (all.contains("schemas.citrix.com")) return "XenServer";
        if (!Dom.descendants(envelope, "Machine").isEmpty() || all.contains("virtualbox")) return "VirtualBox";
        String declared = Dom.attr(envelope, "version");
        if (declared != null && declared.matches("[3-9]\\..*")) return "oVirt";
        if (all.contains("vmware.com/schema/ovf") || envelope.getNamespaceURI() != null && envelope.getNamespaceURI().contains("vmware")) {
            return "VMware";
        }
        for (Element t : Dom.descendants(envelope, "VirtualSystemType")) {
            String v = Dom.text(t).toLowerCase(Locale.ROOT);
            if (v.startsWith("vmx")) return "VMware";
            if (v.startsWith("virtualbox")) return "VirtualBox";
            if (v.startsWith("xen")) return "XenServer";
            if (v.startsWith("engine")) return "oVirt";
        }
        return "generic";
    }

    private static String attributesText(Element e) {
        StringBuilder sb = new StringBuilder();
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) sb.append(attrs.item(i).getNodeValue()).append(' ');
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** The section's kind: its local name, or for {@code <Section xsi:type="ovf:X_Type">} the X. */
    private static String kind(Element e) {
        String local = Dom.localName(e);
        if (local.equals("Section") || local.equals("Content")) {
            String type = Dom.attr(e, "type");
            if (type != null) {
                String t = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
                return t.endsWith("_Type") ? t.substring(0, t.length() - 5) : t;
            }
        }
        return local;
    }

    private static List<Element> sections(Element parent, String kind) {
        List<Element> out = new ArrayList<>();
        for (Element c : Dom.children(parent)) if (kind(c).equals(kind)) out.add(c);
        return out;
    }

    private static Element section(Element parent, String kind) {
        List<Element> s = sections(parent, kind);
        return s.isEmpty() ? null : s.getFirst();
    }

    private static void collectSystems(Element parent, List<Element> out) {
        for (Element c : Dom.children(parent)) {
            String k = kind(c);
            if (k.equals("VirtualSystem")) out.add(c);
            else if (k.equals("VirtualSystemCollection")) collectSystems(c, out);
        }
    }

    private ImportedVm readSystem(Element vs, boolean onlySystem) throws ImportException {
        ImportedVmBuilder vm = new ImportedVmBuilder(file, formatName());
        String name = Dom.childText(vs, "Name");
        Element hw = section(vs, "VirtualHardwareSection");
        if (name == null || name.isBlank()) {
            String ident = hw == null ? null : Dom.text(Dom.path(hw, "System", "VirtualSystemIdentifier"));
            name = ident != null && !ident.isBlank() ? ident : Dom.attr(vs, "id");
        }
        vm.name(name);
        readOs(vs, vm);
        if (hw == null) {
            throw new ImportException(file, "VirtualSystem '" + Dom.attr(vs, "id") + "' has no VirtualHardwareSection; expected one listing CPUs, memory and disks");
        }
        String systemType = Dom.text(Dom.path(hw, "System", "VirtualSystemType"));
        if (systemType != null && !systemType.isBlank()) vm.info("hardware", "source hardware family: " + systemType);
        readHardware(vs, hw, vm);
        readVmstationSettings(hw, vm);
        readVendorExtras(vs, hw, vm);
        if (onlySystem) {
            // with one VirtualSystem every declared disk is its own; one no hardware item attaches would be lost silently
            for (Element d : disksById.values()) {
                if (referencedDisks.contains(Dom.attr(d, "diskId"))) continue;
                String what = Dom.attr(d, "lun_id") != null ? "an iSCSI LUN" : "declared in the DiskSection";
                vm.dropped("disk", "disk '" + Dom.attr(d, "disk-alias", Dom.attr(d, "diskId")) + "' (" + what
                        + ") is attached by no hardware item; not imported");
            }
        }
        return vm.build();
    }

    private void readOs(Element vs, ImportedVmBuilder vm) {
        Element os = section(vs, "OperatingSystemSection");
        if (os == null) return;
        String vmwOs = Dom.attr(os, "osType");
        Element vboxOs = Dom.child(os, "OSType");
        String desc = Dom.childText(os, "Description");
        String cimId = Dom.attr(os, "id");
        String preset = "other";
        String sourceId = "";
        if (vmwOs != null && !vmwOs.isBlank()) {
            preset = OsMapping.fromVmwareGuestOs(vmwOs);
            sourceId = vmwOs;
        } else if (vboxOs != null) {
            preset = OsMapping.fromVirtualBoxOsType(Dom.text(vboxOs));
            sourceId = Dom.text(vboxOs);
        }
        if (preset.equals("other") && cimId != null && cimId.matches("\\d{1,4}")) {
            preset = OsMapping.fromCimId(Integer.parseInt(cimId));
            if (sourceId.isEmpty()) sourceId = "CIM " + cimId;
        }
        if ((preset.equals("other") || preset.equals("linux")) && desc != null) {
            String fromDesc = OsMapping.fromText(desc);
            if (!fromDesc.equals("other")) preset = fromDesc;
        }
        vm.osType(preset).sourceOsId(sourceId);
    }

    /** One hardware item: its values by local name (first occurrence) plus every HostResource. */
    private record Item(Element element, Map<String, String> values, List<String> hostResources) {
        String get(String key) { return values.get(key.toLowerCase(Locale.ROOT)); }
        int type() {
            String t = get("ResourceType");
            try { return t == null ? -1 : Integer.parseInt(t.strip()); } catch (NumberFormatException e) { return -1; }
        }
        String subtype() { String s = get("ResourceSubType"); return s == null ? "" : s; }
        String label() {
            String n = get("ElementName");
            if (n == null || n.isBlank()) n = get("Caption");
            return n == null ? "item " + get("InstanceID") : n;
        }
        String id() { String i = get("InstanceID"); return i == null ? get("InstanceId") : i; }
    }

    private static Item item(Element e) {
        Map<String, String> values = new HashMap<>();
        List<String> hosts = new ArrayList<>();
        for (Element c : Dom.children(e)) {
            String key = Dom.localName(c).toLowerCase(Locale.ROOT);
            String text = c.getTextContent().strip();
            if (key.equals("hostresource")) hosts.add(text);
            values.putIfAbsent(key, text);
        }
        return new Item(e, values, hosts);
    }

    /** The deployment option in effect: the one marked default, else the first; null when the OVF has none. */
    private String deploymentOption(ImportedVmBuilder vm) {
        Element section = section(envelope, "DeploymentOptionSection");
        List<Element> configs = Dom.children(section, "Configuration");
        if (configs.isEmpty()) return null;
        Element chosen = configs.getFirst();
        for (Element c : configs) if ("true".equalsIgnoreCase(Dom.attr(c, "default"))) chosen = c;
        String id = Dom.attr(chosen, "id");
        List<String> ids = configs.stream().map(c -> Dom.attr(c, "id")).toList();
        vm.info("configuration", "deployment option '" + id + "' (the default) is imported; the descriptor offers " + String.join(", ", ids));
        return id;
    }

    private static boolean inConfiguration(Element item, String option) {
        String conf = Dom.attr(item, "configuration");
        if (conf == null || option == null) return true;
        for (String c : conf.strip().split("\\s+")) if (c.equals(option)) return true;
        return false;
    }

    private void readHardware(Element vs, Element hw, ImportedVmBuilder vm) {
        List<Item> items = new ArrayList<>();
        String option = deploymentOption(vm);
        for (Element c : Dom.children(hw)) {
            String l = Dom.localName(c);
            if (!(l.equals("Item") || l.equals("EthernetPortItem") || l.equals("StorageItem"))) continue;
            if (inConfiguration(c, option)) {
                items.add(item(c));
            } else {
                // disks of the deployment options not chosen are accounted for by that choice (reported above)
                for (String h : item(c).hostResources()) referencedDisks.add(h.strip().replaceFirst("^(ovf:)?/disk/", ""));
            }
        }
        Map<String, Item> byId = new HashMap<>();
        for (Item i : items) if (i.id() != null) byId.put(i.id(), i);
        Map<String, String> vmwConfig = vmwareConfig(hw);
        boolean nvmeSeen = false;
        for (Item it : items) {
            switch (it.type()) {
                case 3 -> readCpu(it, hw, vm);
                case 4 -> readMemory(it, vm);
                case 17, 19, 31 -> readDisk(it, byId, vm);
                case 15, 16 -> readCdrom(it, byId, vm);
                case 14 -> vm.dropped("floppy", "floppy drive '" + it.label() + "' dropped: VMStation machines have no floppy controller");
                case 10, 11 -> readNic(it, vm);
                case 23 -> vm.usb(it.subtype().isBlank() ? it.label() : it.subtype());
                case 35 -> vm.sound(it.subtype().isBlank() ? it.label() : it.subtype());
                case 24, 20 -> {
                    if (it.type() == 24 || (it.type() == 20 && "video".equalsIgnoreCase(it.get("Type")))) {
                        readDisplay(it, vm);
                    } else if (it.subtype().toLowerCase(Locale.ROOT).contains("nvme")) {
                        nvmeSeen = true;
                    }
                }
                case 21 -> vm.serialPort();
                case 22 -> vm.dropped("parallel", "parallel port '" + it.label() + "' dropped: not supported");
                case 1 -> {
                    String st = it.subtype().toLowerCase(Locale.ROOT);
                    if (st.contains("soundcard")) vm.sound(st.substring(st.indexOf("soundcard") + "soundcard".length()).replaceFirst("^\\.", ""));
                    else if (st.contains("vtpm") || st.contains("tpm")) vm.tpm(true).changed("tpm", "virtual TPM '" + it.label() + "' → swtpm TPM 2.0; its keys are not carried over");
                    else if (!st.isEmpty()) vm.dropped("device", "device '" + it.label() + "' (" + it.subtype() + ") dropped: VMware-specific, no QEMU equivalent");
                }
                case 5, 6 -> { /* controllers: read through their disks */ }
                case 0 -> {
                    String t = it.get("Type");
                    if ("sound".equalsIgnoreCase(t)) vm.sound(it.get("Device"));
                    else if (t != null && !t.equalsIgnoreCase("balloon")) vm.dropped("device", "oVirt device '" + t + "/" + it.get("Device") + "' dropped");
                }
                default -> {
                    if (it.type() > 0) vm.dropped("device", "hardware item '" + it.label() + "' (CIM resource type " + it.type() + ") dropped: not supported");
                }
            }
        }
        if (nvmeSeen && vm.diskCount() == 0) vm.info("disk", "an NVMe controller without disks was ignored");
        String fw = vmwConfig.get("firmware");
        if ("efi".equalsIgnoreCase(fw)) vm.firmware(Firmware.UEFI);
        if ("true".equalsIgnoreCase(vmwConfig.get("bootOptions.efiSecureBootEnabled")) || "true".equalsIgnoreCase(vmwConfig.get("uefi.secureBoot.enabled"))) {
            vm.secureBoot(true);
        }
        String nvram = vmwConfig.get("nvram");
        if (nvram != null && nvram.startsWith("ovf:/file/") && fileRefs.containsKey(nvram.substring("ovf:/file/".length()))) {
            nvram = Dom.attr(fileRefs.get(nvram.substring("ovf:/file/".length())), "href");
        }
        if (nvram != null && !nvram.isBlank() && vm.firmware() == Firmware.UEFI) vm.nvramFile(nvram);
    }

    /** vmw:Config / vmw:ExtraConfig key→value pairs directly inside the hardware section. */
    private static Map<String, String> vmwareConfig(Element hw) {
        Map<String, String> out = new HashMap<>();
        for (Element c : Dom.children(hw)) {
            String l = Dom.localName(c);
            if (l.equals("Config") || l.equals("ExtraConfig")) {
                String k = Dom.attr(c, "key");
                if (k != null) out.put(k, Dom.attr(c, "value", ""));
            }
        }
        return out;
    }

    /**
     * A video card: oVirt names the model in Device, VMStation's export in ResourceSubType (VMware writes neither:
     * virtio-vga). VMware's {@code enable3DSupport} turns 3-D on; with its {@code use3dRenderer=automatic} (hardware
     * when the host has it) that is VMStation's Auto, which also falls back quietly on a host without 3-D.
     */
    private static void readDisplay(Item it, ImportedVmBuilder vm) {
        String dev = it.get("Device");
        if (dev == null || dev.isBlank()) dev = it.type() == 24 ? it.subtype() : "";
        boolean accel = "true".equalsIgnoreCase(configValue(it.element(), "enable3DSupport"));
        boolean auto = "automatic".equalsIgnoreCase(configValue(it.element(), "use3dRenderer"));
        vm.display(dev, !accel ? DisplaySpec.Acceleration3d.OFF : auto ? DisplaySpec.Acceleration3d.AUTO : DisplaySpec.Acceleration3d.ON);
    }

    private static String configValue(Element item, String key) {
        for (Element c : Dom.children(item, "Config")) if (key.equals(Dom.attr(c, "key"))) return Dom.attr(c, "value");
        return null;
    }

    private static long number(String s, long fallback) {
        if (s == null) return fallback;
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return fallback; }
    }

    private void readCpu(Item it, Element hw, ImportedVmBuilder vm) {
        long q = number(it.get("VirtualQuantity"), -1);
        long sockets = number(it.get("num_of_sockets"), -1);
        long perSocket = number(it.get("cpu_per_socket"), -1);
        if (q <= 0 && sockets > 0) q = sockets * Math.max(1, perSocket);
        if (q > 0) vm.cpus((int) Math.min(q, 1024));
        else vm.info("cpu", "CPU item '" + it.label() + "' has no usable VirtualQuantity ('" + it.get("VirtualQuantity") + "')");
    }

    private void readMemory(Item it, ImportedVmBuilder vm) {
        long q = number(it.get("VirtualQuantity"), -1);
        String units = it.get("AllocationUnits");
        long bytes = q < 0 ? -1 : OvfUnits.bytes(q, units, 1024L * 1024);
        if (bytes <= 0) {
            vm.info("memory", "memory item '" + it.label() + "' has quantity '" + it.get("VirtualQuantity") + "' in units '" + units
                    + "', which could not be read");
            return;
        }
        vm.memoryMiB(Math.max(1, bytes / (1024 * 1024)));
    }

    private DiskBus busOf(Item it, Map<String, Item> byId) {
        Item parent = it.get("Parent") == null ? null : byId.get(it.get("Parent"));
        if (parent == null) return DiskBus.SATA;
        String st = parent.subtype().toLowerCase(Locale.ROOT);
        return switch (parent.type()) {
            case 5 -> DiskBus.IDE;
            case 6 -> DiskBus.SCSI;
            case 20 -> st.contains("nvme") ? DiskBus.NVME : DiskBus.SATA;
            default -> DiskBus.SATA;
        };
    }

    private void readDisk(Item it, Map<String, Item> byId, ImportedVmBuilder vm) {
        if (it.hostResources().isEmpty() || it.hostResources().getFirst().isBlank()) {
            vm.dropped("disk", "storage item '" + it.label() + "' has no disk image (HostResource); a blank disk is not created by the import");
            return;
        }
        String host = it.hostResources().getFirst();
        Element disk = findDisk(host);
        DiskBus bus = busOf(it, byId);
        if (disk != null) {
            String iface = Dom.attr(disk, "disk-interface");
            if (iface != null) bus = switch (iface.toLowerCase(Locale.ROOT)) {
                case "virtio" -> DiskBus.VIRTIO;
                case "virtio_scsi" -> DiskBus.SCSI;
                case "ide" -> DiskBus.IDE;
                case "sata" -> DiskBus.SATA;
                default -> bus;
            };
        }
        if (disk == null) {
            String fileId = host.replaceFirst("^(ovf:)?/file/", "");
            Element f = fileRefs.get(fileId);
            if (f == null) {
                vm.dropped("disk", "disk '" + it.label() + "' refers to '" + host + "', which no Disk or File of the descriptor declares");
                return;
            }
            addDiskFile(vm, it.label(), Dom.attr(f, "href"), null, null, -1, bus);
            return;
        }
        referencedDisks.add(Dom.attr(disk, "diskId"));
        String fileRef = Dom.attr(disk, "fileRef");
        Element f = fileRef == null ? null : fileRef(fileRef);
        if (f == null) {
            if (Dom.attr(disk, "lun_id") != null) {
                vm.dropped("disk", "disk '" + Dom.attr(disk, "disk-alias", it.label()) + "' is an iSCSI LUN, not an image; it cannot be imported");
            } else {
                vm.dropped("disk", "disk '" + Dom.attr(disk, "diskId") + "' has no file (fileRef '" + fileRef + "'); a blank disk is not created by the import");
            }
            return;
        }
        if ("LUN".equalsIgnoreCase(Dom.attr(f, "disk_storage_type"))) {
            vm.dropped("disk", "disk '" + Dom.attr(disk, "disk-alias", it.label()) + "' is a storage LUN, not an image; it cannot be imported");
            return;
        }
        referencedDisks.add(Dom.attr(disk, "diskId"));
        // oVirt writes the VMware sparse URI for every disk; its volume-format says what the image really is
        DiskFormat volume = switch (Dom.attr(disk, "volume-format", "").toUpperCase(Locale.ROOT)) {
            case "RAW" -> DiskFormat.RAW;
            case "COW" -> DiskFormat.QCOW2;
            default -> null;
        };
        addDiskFile(vm, it.label(), Dom.attr(f, "href"), Dom.attr(disk, "format"), volume, capacity(disk, vm), bus);
    }

    /** A File by id; oVirt refers to files by "imageGroup/imageId", the File's href, so that is tried too. */
    private Element fileRef(String ref) {
        Element f = fileRefs.get(ref);
        if (f != null) return f;
        for (Element candidate : fileRefs.values()) if (ref.equals(Dom.attr(candidate, "href"))) return candidate;
        return ref.contains("/") ? fileRefs.get(ref.substring(ref.lastIndexOf('/') + 1)) : null;
    }

    private Element findDisk(String host) {
        String h = host.strip();
        String id = h.replaceFirst("^(ovf:)?/disk/", "");
        Element d = disksById.get(id);
        if (d != null) return d;
        // oVirt writes "imageGroup/imageId": match the disk id or the fileRef
        for (Element disk : disksById.values()) {
            if (h.equals(Dom.attr(disk, "fileRef"))) return disk;
            String last = h.contains("/") ? h.substring(h.lastIndexOf('/') + 1) : h;
            if (last.equals(Dom.attr(disk, "diskId"))) return disk;
        }
        return null;
    }

    private long capacity(Element disk, ImportedVmBuilder vm) {
        String cap = Dom.attr(disk, "capacity");
        if (cap != null) {
            if (cap.startsWith("${")) {
                vm.info("disk", "disk '" + Dom.attr(disk, "diskId") + "' capacity is the property " + cap + "; taken from the image instead");
                return -1;
            }
            long n = number(cap, -1);
            long b = n < 0 ? -1 : OvfUnits.bytes(n, Dom.attr(disk, "capacityAllocationUnits"), 1);
            if (b < 0) vm.info("disk", "disk '" + Dom.attr(disk, "diskId") + "' capacity '" + cap + "' in units '"
                    + Dom.attr(disk, "capacityAllocationUnits") + "' could not be read; taken from the image instead");
            return b;
        }
        String size = Dom.attr(disk, "size"); // oVirt: GiB
        if (size != null && number(size, -1) > 0) return number(size, -1) * 1024L * 1024 * 1024;
        return -1;
    }

    private void addDiskFile(ImportedVmBuilder vm, String label, String href, String formatUri, DiskFormat volumeFormat, long capacity,
                             DiskBus bus) {
        if (href == null || href.isBlank()) {
            vm.dropped("disk", "disk '" + label + "' has a File without href");
            return;
        }
        PackageFiles.Located loc = files.locate(href);
        if (loc.problem() != null) {
            vm.dropped("disk", "disk '" + label + "' (" + href + "): " + loc.problem());
            return;
        }
        DiskFormat declared = volumeFormat != null ? volumeFormat : OvfDiskFormats.declared(formatUri, href);
        DiskFormat format = loc.probe() != null ? loc.probe().format() : declared;
        String detail = loc.probe() != null ? loc.probe().detail() : OvfDiskFormats.detail(formatUri);
        long cap = capacity > 0 ? capacity : loc.probe() != null ? loc.probe().capacity() : -1;
        if (loc.member() != null) {
            if (!loc.present()) vm.info("disk", "disk '" + label + "' (" + href + ") is not in the archive; the import needs it");
            vm.addArchiveDisk(loc.member(), format, detail, cap, bus, loc.present());
        } else {
            vm.addDisk(loc.file(), declared, cap, bus, false);
        }
    }

    private void readCdrom(Item it, Map<String, Item> byId, ImportedVmBuilder vm) {
        DiskBus bus = busOf(it, byId);
        if (bus == DiskBus.SCSI || bus == DiskBus.NVME) bus = DiskBus.SATA;
        String iso = null;
        for (String h : it.hostResources()) {
            String fileId = h.replaceFirst("^(ovf:)?/file/", "");
            Element f = fileRefs.get(fileId);
            if (f != null && Dom.attr(f, "href") != null) iso = files.describe(Dom.attr(f, "href"));
        }
        vm.addCdrom(iso, bus);
    }

    private void readNic(Item it, ImportedVmBuilder vm) {
        String mac = it.get("Address");
        if ((mac == null || mac.isBlank()) && vm.nicCount() < ganetiMacs.size()) mac = ganetiMacs.get(vm.nicCount());
        vm.addNic(it.subtype(), mac, it.get("Connection"));
    }

    /** VMStation's own export namespace for backend settings (see export/OvfDescriptorWriter). */
    private static final String VMSTATION_NS = "http://vmstation.org/schema/ovf/1";
    /**
     * Settings a file from anywhere may set: the laptop power devices, resource limits and the exact OS the VM was
     * made for (osinfo id, short id and name: descriptive text, so a URL-like id is allowed). Others (USB
     * auto-connect rules, a scenario file's path) would reach host devices or files, so they are reported and dropped.
     */
    private static final java.util.regex.Pattern IMPORTABLE_SETTING =
            java.util.regex.Pattern.compile("power\\.(enabled|source)|resources\\.[a-z0-9.-]{1,40}");
    private static final java.util.regex.Pattern SETTING_VALUE = java.util.regex.Pattern.compile("[A-Za-z0-9 ._:+-]{0,64}");
    private static final java.util.Set<String> OS_SETTINGS = java.util.Set.of(
            org.vmstation.engine.osinfo.RecordedOs.ID, org.vmstation.engine.osinfo.RecordedOs.SHORT_ID, org.vmstation.engine.osinfo.RecordedOs.NAME);
    private static final java.util.regex.Pattern OS_SETTING_VALUE = java.util.regex.Pattern.compile("[A-Za-z0-9 ._:/+()-]{0,128}");

    private static boolean importable(String key, String value) {
        if (OS_SETTINGS.contains(key)) return OS_SETTING_VALUE.matcher(value).matches();
        return IMPORTABLE_SETTING.matcher(key).matches() && SETTING_VALUE.matcher(value).matches();
    }

    private void readVmstationSettings(Element hw, ImportedVmBuilder vm) {
        for (Element c : Dom.children(hw)) {
            if (!"Setting".equals(Dom.localName(c)) || !VMSTATION_NS.equals(c.getNamespaceURI())) continue;
            String key = Dom.attr(c, "key", "");
            String value = Dom.attr(c, "value", "");
            if (importable(key, value)) {
                vm.setting(key, value);
                vm.info("settings", "VMStation setting " + key + "=" + value + " kept");
            } else {
                String shown = key.length() <= 60 ? key : key.substring(0, 60) + "…";
                vm.dropped("settings", "VMStation setting '" + shown
                        + "' dropped: only power.enabled, power.source, resources.* and os.osinfo-id/os.osinfo-short-id/os.name settings with plain values are imported");
            }
        }
    }

    private void readVendorExtras(Element vs, Element hw, ImportedVmBuilder vm) {
        int properties = 0;
        for (Element ps : sections(vs, "ProductSection")) properties += Dom.children(ps, "Property").size();
        if (properties > 0) {
            vm.dropped("properties", properties + " ProductSection properties (vApp/cloud-init settings such as hostname or user-data) are not applied");
        }
        if (!sections(vs, "EulaSection").isEmpty()) vm.info("license", "the appliance carries a license agreement (EulaSection); it is kept in the notes");
        StringBuilder notes = new StringBuilder();
        Element ann = section(vs, "AnnotationSection");
        if (ann != null && Dom.childText(ann, "Annotation") != null) notes.append(Dom.childText(ann, "Annotation"));
        String desc = Dom.childText(vs, "Description");
        if (desc != null && !desc.isBlank()) notes.append(notes.isEmpty() ? "" : "\n").append(desc);
        for (Element eula : sections(vs, "EulaSection")) {
            String lic = Dom.childText(eula, "License");
            if (lic != null && !lic.isBlank()) notes.append(notes.isEmpty() ? "" : "\n\n").append("License:\n").append(lic);
        }
        vm.notes(notes.toString());
        List<Element> snaps = new ArrayList<>();
        for (Element s : sections(vs, "SnapshotsSection")) snaps.addAll(Dom.children(s, "Snapshot"));
        long regular = snaps.stream().filter(s -> !"ACTIVE".equalsIgnoreCase(Dom.childText(s, "Type"))).count();
        if (regular > 0) {
            vm.snapshots((int) regular);
            vm.info("snapshot", "snapshot tree: " + regular + " snapshot(s), only the current state is imported");
        }
        // VirtualBox appends its own full settings; they know the firmware and NAT forwards OVF cannot say.
        for (Element machine : Dom.descendants(vs, "Machine")) {
            VboxMachineReader.enrichFromEmbedded(machine, vm);
        }
        for (Element g : Dom.descendants(envelope, "GanetiSection")) readGaneti(g, vm);
    }

    private void readGaneti(Element g, ImportedVmBuilder vm) {
        String hv = Dom.text(Dom.path(g, "Hypervisor", "Name"));
        if (hv != null && hv.contains("pvm")) {
            vm.changed("hypervisor", "Ganeti '" + hv + "' (Xen paravirtual) instance → full virtualisation: its kernel must boot from the disk");
        }
        String os = Dom.text(Dom.path(g, "OperatingSystem", "Name"));
        if (os != null && vm.osType().equals("other")) {
            String p = OsMapping.fromText(os);
            vm.osType(p.equals("other") ? "linux" : p);
        }
    }
}
