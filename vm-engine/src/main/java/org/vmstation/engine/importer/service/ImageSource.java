package org.vmstation.engine.importer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where qemu-img reads a disk image from, as a {@code json:} block-device description. Every source goes through
 * this form, never a bare file name, so that a file name such as {@code json:...} or {@code nbd:...} cannot be read
 * as a protocol, and so that an OVA member is read in place: a {@code raw} node with {@code offset} and
 * {@code size} shows qemu-img exactly the member's bytes, with the image format driver layered on top.
 *
 * @param driver qemu's format driver: qcow2, vmdk, vdi, vpc, vhdx, raw, parallels
 * @param file   the file holding the data (the archive, for a member)
 * @param offset where the image starts in {@code file}; 0 for a plain file
 * @param size   the image's length inside {@code file}, or -1 for "to the end"
 */
public record ImageSource(String driver, Path file, long offset, long size) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageSource {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(file, "file");
        if (!driver.matches("[a-z0-9]+")) throw new IllegalArgumentException("qemu format driver '" + driver + "' is not a driver name");
        if (offset < 0) throw new IllegalArgumentException("offset " + offset + " of " + file + " is negative");
    }

    public static ImageSource file(String driver, Path file) { return new ImageSource(driver, file, 0, -1); }

    /** Whether the image is a slice of a bigger file (an archive member). */
    public boolean isSlice() { return offset > 0 || size >= 0; }

    /** The {@code json:{...}} argument for qemu-img. */
    public String toQemuArgument() {
        ObjectNode protocol = JSON.createObjectNode();
        protocol.put("driver", "file");
        protocol.put("filename", file.toAbsolutePath().toString());
        ObjectNode root = JSON.createObjectNode();
        root.put("driver", driver);
        if (isSlice()) {
            ObjectNode slice = JSON.createObjectNode();
            slice.put("driver", "raw");
            slice.put("offset", offset);
            if (size >= 0) slice.put("size", size);
            slice.set("file", protocol);
            if (driver.equals("raw")) {
                // raw over raw would be two nodes doing nothing; one raw node takes the window itself
                root.put("offset", offset);
                if (size >= 0) root.put("size", size);
                root.set("file", protocol);
            } else {
                root.set("file", slice);
            }
        } else {
            root.set("file", protocol);
        }
        return "json:" + root;
    }

    /** For messages: the file, and the window inside it when it is a slice. */
    public String describe() {
        return isSlice() ? file + " (bytes " + offset + ".." + (size >= 0 ? Long.toString(offset + size) : "end") + ")" : file.toString();
    }
}
