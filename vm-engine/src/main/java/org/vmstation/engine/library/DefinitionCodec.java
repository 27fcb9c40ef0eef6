package org.vmstation.engine.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The JSON form of a {@link VmDefinition}: what the library stores, what {@code --json} prints and what export
 * writes. Output is stable: fields always in the same order, two-space indent, {@code \n} line ends, every field
 * written (null included, so {@code "kernelBoot": null} is explicit), lists and the settings map in their order.
 * {@code fromJson(toJson(vm))} equals {@code vm} for every definition, settings order included.
 *
 * <p>Versioning: every document carries {@code "formatVersion"}. This build writes and reads version
 * {@value #FORMAT_VERSION}. <b>Unknown fields are refused</b>, with the field named, rather than ignored: ignoring
 * them would silently drop them the next time the definition is saved. So any build that adds a field must raise
 * the format version, and an older build then refuses the document clearly ("written by a newer VMStation")
 * instead of half-reading it. Reading is lenient in one way only: a field left out takes the
 * {@link VmDefinition.Builder} default, so hand-written documents can be short. Enum names are case-insensitive.
 *
 * <p>Stateless and thread-safe; the methods are static, an instance exists only for callers that prefer one.
 */
public final class DefinitionCodec {
    public static final int FORMAT_VERSION = 1;
    /** Definitions are small; anything bigger is not one and is refused before parsing. */
    public static final int MAX_JSON_CHARS = 4 * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(stablePrinter());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public DefinitionCodec() {}

    public static String toJson(VmDefinition vm) {
        try {
            return WRITER.writeValueAsString(toTree(vm));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write VM '" + vm.name() + "' as JSON", e);
        }
    }

    /** Reads a definition; throws {@link DefinitionFormatException} naming the field for anything it cannot read. */
    public static VmDefinition fromJson(String json) {
        if (json == null) throw new DefinitionFormatException("", "VM definition is null: expected a JSON document");
        if (json.length() > MAX_JSON_CHARS) {
            throw new DefinitionFormatException("", "VM definition is " + json.length() + " characters long: expected at most " + MAX_JSON_CHARS);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DefinitionFormatException("", "VM definition is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || root.isMissingNode()) throw new DefinitionFormatException("", "VM definition is empty: expected a JSON object");
        return fromTree(root);
    }

    static ObjectNode toTree(VmDefinition vm) {
        ObjectNode o = NODES.objectNode();
        o.put("formatVersion", FORMAT_VERSION);
        o.put("id", vm.id());
        o.put("name", vm.name());
        o.put("osType", vm.osType());
        o.put("firmware", vm.firmware().name());
        o.put("machineType", vm.machineType());
        o.put("cpus", vm.cpus());
        o.put("memoryMiB", vm.memoryMiB());
        ArrayNode disks = o.putArray("disks");
        for (DiskSpec d : vm.disks()) {
            ObjectNode n = disks.addObject();
            n.put("path", d.path());
            n.put("format", d.format().name());
            n.put("bus", d.bus().name());
            n.put("readOnly", d.readOnly());
        }
        ArrayNode cdroms = o.putArray("cdroms");
        for (CdromSpec c : vm.cdroms()) {
            ObjectNode n = cdroms.addObject();
            n.put("isoPath", c.isoPath());
            n.put("bus", c.bus().name());
        }
        ArrayNode boot = o.putArray("bootOrder");
        vm.bootOrder().forEach(b -> boot.add(b.name()));
        if (vm.kernelBoot() == null) {
            o.putNull("kernelBoot");
        } else {
            ObjectNode k = o.putObject("kernelBoot");
            k.put("kernelPath", vm.kernelBoot().kernelPath());
            k.put("initrdPath", vm.kernelBoot().initrdPath());
            k.put("commandLine", vm.kernelBoot().commandLine());
        }
        ObjectNode net = o.putObject("network");
        net.put("mode", vm.network().mode().name());
        net.put("model", vm.network().model());
        net.put("macAddress", vm.network().macAddress());
        ArrayNode forwards = net.putArray("forwards");
        for (PortForward f : vm.network().forwards()) {
            ObjectNode n = forwards.addObject();
            n.put("protocol", f.protocol().name());
            n.put("hostAddress", f.hostAddress());
            n.put("hostPort", f.hostPort());
            n.put("guestPort", f.guestPort());
        }
        ObjectNode display = o.putObject("display");
        display.put("adapter", vm.display().adapter().name());
        display.put("acceleration3d", vm.display().acceleration3d().name());
        o.put("serialConsole", vm.serialConsole());
        ArrayNode tags = o.putArray("tags");
        vm.tags().forEach(tags::add);
        o.put("notes", vm.notes());
        ObjectNode settings = o.putObject("settings");
        vm.settings().forEach(settings::put);
        return o;
    }

    static VmDefinition fromTree(JsonNode root) {
        JsonFields f = JsonFields.of(root, "");
        checkVersion(f);
        VmDefinition.Builder b = new VmDefinition.Builder()
                .id(f.requiredString("id", false))
                .name(f.requiredString("name", false));
        if (f.has("osType")) b.osType(f.string("osType", false, null));
        if (f.has("firmware")) b.firmware(f.enumValue("firmware", Firmware.class, null));
        if (f.has("machineType")) b.machineType(f.string("machineType", false, null));
        if (f.has("cpus")) b.cpus(f.intValue("cpus", 0));
        if (f.has("memoryMiB")) b.memoryMiB(f.longValue("memoryMiB", 0));
        List<JsonNode> disks = f.array("disks");
        if (disks != null) b.disks(each(disks, f.path("disks"), DefinitionCodec::disk));
        List<JsonNode> cdroms = f.array("cdroms");
        if (cdroms != null) b.cdroms(each(cdroms, f.path("cdroms"), DefinitionCodec::cdrom));
        List<JsonNode> boot = f.array("bootOrder");
        if (boot != null) b.bootOrder(each(boot, f.path("bootOrder"), (n, p) -> JsonFields.enumOf(n, p, BootDevice.class)));
        b.kernelBoot(kernelBoot(f.object("kernelBoot", true)));
        JsonFields net = f.object("network", false);
        if (net != null) b.network(network(net));
        JsonFields display = f.object("display", false);
        if (display != null) b.display(display(display));
        if (f.has("serialConsole")) b.serialConsole(f.bool("serialConsole", true));
        List<JsonNode> tags = f.array("tags");
        if (tags != null) b.tags(each(tags, f.path("tags"), (n, p) -> JsonFields.text(n, p, false)));
        if (f.has("notes")) b.notes(f.string("notes", false, ""));
        ObjectNode settings = f.objectNode("settings");
        if (settings != null) b.settings(settings(settings, f.path("settings")));
        f.finish();
        return b.build();
    }

    private static void checkVersion(JsonFields f) {
        JsonNode v = f.raw("formatVersion");
        if (v == null) {
            throw new DefinitionFormatException("formatVersion",
                    "VM definition has no 'formatVersion' field: this is not a VMStation VM definition (expected \"formatVersion\": " + FORMAT_VERSION + ")");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw JsonFields.problem("formatVersion", v, "a whole number from 1 to " + FORMAT_VERSION);
        }
        if (v.intValue() > FORMAT_VERSION) {
            throw new DefinitionFormatException("formatVersion", "VM definition was written by a newer VMStation (definition format version "
                    + v.intValue() + "); this build reads format version " + FORMAT_VERSION + " at most: update VMStation to open it");
        }
    }

    private static DiskSpec disk(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        DiskSpec d = new DiskSpec(f.requiredString("path", false), f.requiredEnum("format", DiskFormat.class),
                f.enumValue("bus", DiskBus.class, DiskBus.VIRTIO), f.bool("readOnly", false));
        f.finish();
        return d;
    }

    private static CdromSpec cdrom(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        CdromSpec c = new CdromSpec(f.string("isoPath", true, null), f.enumValue("bus", DiskBus.class, DiskBus.SATA));
        f.finish();
        return c;
    }

    private static KernelBoot kernelBoot(JsonFields f) {
        if (f == null) return null;
        KernelBoot k = new KernelBoot(f.requiredString("kernelPath", false), f.string("initrdPath", true, null),
                f.string("commandLine", false, ""));
        f.finish();
        return k;
    }

    private static NetworkSpec network(JsonFields f) {
        NetworkSpec.Mode mode = f.enumValue("mode", NetworkSpec.Mode.class, NetworkSpec.Mode.NAT);
        String model = f.string("model", false, null);
        String mac = f.string("macAddress", true, null);
        List<JsonNode> fw = f.array("forwards");
        List<PortForward> forwards = fw == null ? List.of() : each(fw, f.path("forwards"), DefinitionCodec::forward);
        f.finish();
        return new NetworkSpec(mode, model, mac, forwards);
    }

    private static PortForward forward(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        PortForward p = new PortForward(f.requiredEnum("protocol", PortForward.Protocol.class),
                f.string("hostAddress", false, null), f.requiredInt("hostPort"), f.requiredInt("guestPort"));
        f.finish();
        return p;
    }

    private static DisplaySpec display(JsonFields f) {
        DisplaySpec d = new DisplaySpec(f.enumValue("adapter", DisplaySpec.Adapter.class, DisplaySpec.Adapter.VIRTIO_VGA),
                f.enumValue("acceleration3d", DisplaySpec.Acceleration3d.class, DisplaySpec.Acceleration3d.OFF));
        f.finish();
        return d;
    }

    private static Map<String, String> settings(ObjectNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), JsonFields.text(e.getValue(), path + "." + e.getKey(), true)));
        return out;
    }

    private interface ElementReader<T> {
        T read(JsonNode node, String path);
    }

    private static <T> List<T> each(List<JsonNode> nodes, String path, ElementReader<T> reader) {
        List<T> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) out.add(reader.read(nodes.get(i), path + "[" + i + "]"));
        return out;
    }

    private static DefaultPrettyPrinter stablePrinter() {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        p.indentObjectsWith(indent);
        p.indentArraysWith(indent);
        return p;
    }
}
