package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner on a recreated /dev/dri and /sys/class/drm (the layout of an Intel + NVIDIA laptop). */
class RenderNodeScannerTest {
    @TempDir Path root;

    @Test
    void listsRenderNodesInOrderWithTheirDrivers() throws Exception {
        Path dri = Files.createDirectories(root.resolve("dev/dri"));
        Path drm = Files.createDirectories(root.resolve("sys/class/drm"));
        for (String f : new String[] {"card0", "card1", "renderD129", "renderD128"}) Files.createFile(dri.resolve(f));
        Path drivers = Files.createDirectories(root.resolve("sys/bus/pci/drivers"));
        Files.createDirectories(drivers.resolve("i915"));
        Files.createDirectories(drivers.resolve("nvidia"));
        Files.createDirectories(drm.resolve("renderD128/device"));
        Files.createSymbolicLink(drm.resolve("renderD128/device/driver"), drivers.resolve("i915"));
        Files.createDirectories(drm.resolve("renderD129/device"));
        Files.createSymbolicLink(drm.resolve("renderD129/device/driver"), Path.of("../../../../bus/pci/drivers/nvidia"));

        var nodes = new RenderNodeScanner(dri, drm).scan();
        assertThat(nodes).extracting(n -> n.device().getFileName().toString()).containsExactly("renderD128", "renderD129");
        assertThat(nodes).extracting(RenderNode::driver).containsExactly("i915", "nvidia");
    }

    @Test
    void aNodeWithoutSysfsEntryHasAnUnknownDriverAndNoDriFolderMeansNoNodes() throws Exception {
        Path dri = Files.createDirectories(root.resolve("dri"));
        Files.createFile(dri.resolve("renderD128"));
        assertThat(new RenderNodeScanner(dri, root.resolve("nosys")).scan()).singleElement()
                .extracting(RenderNode::driver).isEqualTo("unknown driver");
        assertThat(new RenderNodeScanner(root.resolve("missing"), root).scan()).isEmpty();
    }
}
