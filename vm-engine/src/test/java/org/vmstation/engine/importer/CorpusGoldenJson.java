package org.vmstation.engine.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

/**
 * The normalised form of an import plan that the corpus goldens hold: the definition fields that describe the
 * machine (not its random id), the source details, the disks as the import would copy them, every NIC, and
 * the report split into changed / dropped / info lines. Keys come in a fixed order; the corpus folder's
 * absolute path is written as {@code $CORPUS} so goldens do not depend on where the checkout lives.
 */
final class CorpusGoldenJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String corpusRoot;

    CorpusGoldenJson(Path corpusRoot) { this.corpusRoot = corpusRoot.toAbsolutePath().normalize().toString(); }

    String plan(ImportPlan plan) {
        ObjectNode root = F.objectNode();
        root.put("format", text(plan.format()));
        ArrayNode vms = root.putArray("vms");
        for (ImportedVm vm : plan.vms()) vms.add(vm(vm));
        root.set("fileReport", report(plan.warnings()));
        ArrayNode verified = root.putArray("manifestVerified");
        plan.verifiedFiles().forEach(v -> verified.add(text(v)));
        return write(root);
    }

    String refusal(ImportException e) {
        ObjectNode root = F.objectNode();
        root.put("refused", text(e.getMessage()));
        return write(root);
    }

    private ObjectNode vm(ImportedVm vm) {
        VmDefinition d = vm.definition();
        VmDetails x = vm.details();
        ObjectNode o = F.objectNode();
        o.put("name", text(d.name()));
        o.put("sourceFormat", text(x.sourceFormat()));
        o.put("architecture", x.architecture());
        o.put("machineType", d.machineType());
        o.put("osType", d.osType());
        o.put("sourceOsId", text(x.sourceOsId()));
        o.put("firmware", d.firmware().name());
        o.put("secureBoot", x.secureBoot());
        o.put("nvramFile", text(x.nvramFile()));
        o.put("tpm", x.tpm());
        o.put("cpus", d.cpus());
        o.put("memoryMiB", d.memoryMiB());
        ArrayNode disks = o.putArray("disks");
        for (int i = 0; i < d.disks().size(); i++) disks.add(disk(d.disks().get(i), i < vm.disks().size() ? vm.disks().get(i) : null));
        ArrayNode cdroms = o.putArray("cdroms");
        for (CdromSpec c : d.cdroms()) {
            ObjectNode cn = cdroms.addObject();
            cn.put("bus", c.bus().name());
            cn.put("iso", text(c.isoPath()));
        }
        ArrayNode boot = o.putArray("bootOrder");
        for (BootDevice b : d.bootOrder()) boot.add(b.name());
        if (d.kernelBoot() == null) {
            o.putNull("kernelBoot");
        } else {
            ObjectNode k = o.putObject("kernelBoot");
            k.put("kernel", text(d.kernelBoot().kernelPath()));
            k.put("initrd", text(d.kernelBoot().initrdPath()));
            k.put("commandLine", text(d.kernelBoot().commandLine()));
        }
        ObjectNode net = o.putObject("network");
        net.put("mode", d.network().mode().name());
        if (d.network().mode() != org.vmstation.engine.model.NetworkSpec.Mode.NONE) {
            net.put("model", d.network().model());
            net.put("mac", d.network().macAddress());
        }
        ArrayNode fw = net.putArray("forwards");
        for (PortForward f : d.network().forwards()) fw.add(f.toString());
        ArrayNode nics = o.putArray("nics");
        for (ImportedNic n : vm.nics()) {
            ObjectNode nn = nics.addObject();
            nn.put("sourceModel", text(n.sourceModel()));
            nn.put("qemuModel", n.qemuModel());
            nn.put("mac", n.macAddress());
            nn.put("connection", text(n.connection()));
        }
        ObjectNode disp = o.putObject("display");
        disp.put("adapter", d.display().adapter().name());
        disp.put("accel3d", d.display().acceleration3d().name());
        o.put("sound", x.sound());
        o.put("usbController", x.usbController());
        o.put("serialPorts", x.serialPorts());
        o.put("serialConsole", d.serialConsole());
        o.put("snapshots", x.snapshots());
        if (!d.notes().isEmpty()) o.put("notes", text(d.notes()));
        if (!d.settings().isEmpty()) {
            ObjectNode s = o.putObject("settings");
            for (Map.Entry<String, String> e : d.settings().entrySet()) s.put(e.getKey(), text(e.getValue()));
        }
        o.set("report", report(vm.warnings()));
        return o;
    }

    private ObjectNode disk(DiskSpec spec, SourceDisk src) {
        ObjectNode o = F.objectNode();
        o.put("bus", spec.bus().name());
        o.put("path", text(spec.path()));
        o.put("format", spec.format().qemuName());
        o.put("readOnly", spec.readOnly());
        if (src != null) {
            o.put("detail", src.formatDetail());
            o.put("capacityBytes", src.capacityBytes());
            o.put("present", src.present());
            o.put("target", src.targetFileName());
            if (!src.extents().isEmpty()) {
                ArrayNode ex = o.putArray("extents");
                for (Path p : src.extents()) ex.add(text(p.toString()));
            }
        }
        return o;
    }

    private ObjectNode report(List<ImportWarning> warnings) {
        ObjectNode o = F.objectNode();
        for (ImportWarning.Kind kind : ImportWarning.Kind.values()) {
            ArrayNode a = o.putArray(kind.name().toLowerCase(java.util.Locale.ROOT));
            for (ImportWarning w : warnings) if (w.kind() == kind) a.add(w.subject() + ": " + text(w.message()));
        }
        return o;
    }

    private String text(String s) {
        if (s == null) return null;
        return s.replace(corpusRoot, "$CORPUS");
    }

    private static String write(ObjectNode root) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
