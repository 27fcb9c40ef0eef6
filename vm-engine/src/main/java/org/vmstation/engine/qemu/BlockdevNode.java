package org.vmstation.engine.qemu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.vmstation.engine.model.DiskFormat;

/**
 * One node of QEMU's block graph ({@code -blockdev} on the command line, {@code blockdev-add} over QMP). Each
 * image is two nodes, as libvirt builds them: a protocol node that opens the file and a format node (qcow2,
 * raw, ...) on top of it that devices attach to. Image locking is left at QEMU's default (on): it is what
 * stops a second VM from opening a disk that is in use.
 */
public final class BlockdevNode {
    private final SequencedMap<String, Object> props = new LinkedHashMap<>();

    private BlockdevNode() {}

    /** The protocol node that opens {@code path} on the host. */
    public static BlockdevNode file(String nodeName, String path, boolean readOnly) {
        BlockdevNode n = new BlockdevNode();
        n.props.put("driver", "file");
        n.props.put("filename", path);
        n.props.put("node-name", nodeName);
        n.props.put("read-only", readOnly);
        return n;
    }

    /** The format node reading {@code fileNode} as {@code format}. */
    public static BlockdevNode format(String nodeName, DiskFormat format, String fileNode, boolean readOnly) {
        BlockdevNode n = new BlockdevNode();
        n.props.put("driver", format.qemuName());
        n.props.put("file", fileNode);
        n.props.put("node-name", nodeName);
        n.props.put("read-only", readOnly);
        return n;
    }

    public String nodeName() { return (String) props.get("node-name"); }

    public SequencedMap<String, Object> properties() { return Collections.unmodifiableSequencedMap(props); }

    /** The value of {@code -blockdev}: {@code key=value,...} with commas in values escaped. */
    public String toCommandLine() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (!sb.isEmpty()) sb.append(',');
            Object v = e.getValue();
            sb.append(e.getKey()).append('=').append(v instanceof Boolean b ? (b ? "on" : "off") : QemuOptions.escape(v.toString()));
        }
        return sb.toString();
    }

    /** The arguments of QMP {@code blockdev-add}, typed. */
    public Map<String, Object> toQmp() { return new LinkedHashMap<>(props); }

    @Override
    public String toString() { return toCommandLine(); }
}
