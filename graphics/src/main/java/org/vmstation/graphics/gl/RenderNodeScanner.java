package org.vmstation.graphics.gl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the host's DRM render nodes ({@code /dev/dri/renderD*}) and reads which kernel driver backs each from
 * sysfs ({@code /sys/class/drm/renderD128/device/driver} links to {@code .../drivers/i915}).
 */
public final class RenderNodeScanner {
    private static final int MAX_NODES = 64;
    private final Path devDri;
    private final Path sysClassDrm;

    public RenderNodeScanner(Path devDri, Path sysClassDrm) {
        this.devDri = devDri;
        this.sysClassDrm = sysClassDrm;
    }

    public static RenderNodeScanner forThisHost() { return new RenderNodeScanner(Path.of("/dev/dri"), Path.of("/sys/class/drm")); }

    /** The render nodes in name order; none when the folder is missing or unreadable (no GPU driver loaded). */
    public List<RenderNode> scan() {
        List<RenderNode> nodes = new ArrayList<>();
        if (!Files.isDirectory(devDri)) return nodes;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devDri, "renderD*")) {
            for (Path node : entries) {
                if (nodes.size() >= MAX_NODES) break;
                nodes.add(new RenderNode(node, driverOf(node.getFileName().toString())));
            }
        } catch (IOException e) {
            return List.of();
        }
        nodes.sort(Comparator.comparing(n -> n.device().getFileName().toString()));
        return nodes;
    }

    private String driverOf(String nodeName) {
        Path link = sysClassDrm.resolve(nodeName).resolve("device").resolve("driver");
        try {
            Path target = Files.readSymbolicLink(link);
            return target.getFileName() == null ? null : target.getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // shown as "unknown driver"
        }
    }
}
