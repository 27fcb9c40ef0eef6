package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeOutputTest {

    @Test
    void extractsBlocksFromSerialTextWithCarriageReturnsAndKernelNoise() {
        String serial = """
                [    0.000000] Linux version 6.1.0\r
                VMSTATION-PROBE-BEGIN usb\r
                1-1 idVendor=0627 idProduct=0001 product=QEMU USB Tablet manufacturer=QEMU\r
                [    3.141592] usb 1-1: new high-speed USB device number 2 using xhci_hcd\r
                usb1 idVendor=1d6b idProduct=0002\r
                VMSTATION-PROBE-END usb\r
                VMSTATION-PROBE-BEGIN power\r
                VMSTATION-PROBE-END power\r
                VMSTATION-READY\r
                """;

        Map<String, List<String>> probes = ProbeOutput.parse(serial);

        assertThat(probes).containsOnlyKeys("usb", "power");
        assertThat(probes.get("usb")).containsExactly(
                "1-1 idVendor=0627 idProduct=0001 product=QEMU USB Tablet manufacturer=QEMU",
                "usb1 idVendor=1d6b idProduct=0002");
        assertThat(probes.get("power")).isEmpty();
        assertThat(probes.keySet()).containsExactly("usb", "power");
    }

    @Test
    void keepsBlankLinesInsideABlock() {
        Map<String, List<String>> probes = ProbeOutput.parse(
                "VMSTATION-PROBE-BEGIN input\nI: Bus=0011\n\nI: Bus=0019\nVMSTATION-PROBE-END input\n");

        assertThat(probes.get("input")).containsExactly("I: Bus=0011", "", "I: Bus=0019");
    }

    @Test
    void discardsUnterminatedAndMismatchedBlocks() {
        String serial = """
                VMSTATION-PROBE-BEGIN drm
                card0
                VMSTATION-PROBE-BEGIN block
                sda
                VMSTATION-PROBE-END net
                VMSTATION-PROBE-BEGIN net
                eth0
                """;

        assertThat(ProbeOutput.parse(serial)).isEmpty();
    }

    @Test
    void laterBlockWithSameNameReplacesEarlierOne() {
        String serial = "VMSTATION-PROBE-BEGIN net\nold\nVMSTATION-PROBE-END net\n"
                + "VMSTATION-PROBE-BEGIN net\nnew\nVMSTATION-PROBE-END net\n";

        assertThat(ProbeOutput.parse(serial).get("net")).containsExactly("new");
    }

    @Test
    void capsLineLengthAndLinesPerBlock() {
        String longLine = "x".repeat(ProbeOutput.MAX_LINE_CHARS + 100);
        Map<String, List<String>> probes = ProbeOutput.parse(
                "VMSTATION-PROBE-BEGIN a\n" + longLine + "\nVMSTATION-PROBE-END a\n");
        assertThat(probes.get("a").getFirst()).hasSize(ProbeOutput.MAX_LINE_CHARS);

        String flood = "VMSTATION-PROBE-BEGIN b\n" + "y\n".repeat(ProbeOutput.MAX_LINES_PER_PROBE + 1) + "VMSTATION-PROBE-END b\n";
        assertThat(ProbeOutput.parse(flood)).doesNotContainKey("b");
    }

    @Test
    void ignoresMarkersWithInvalidNames() {
        assertThat(ProbeOutput.parse("VMSTATION-PROBE-BEGIN bad name\nz\nVMSTATION-PROBE-END bad name\n")).isEmpty();
    }

    @Test
    void parsesFilesAndRefusesHugeOnes(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("serial.log");
        Files.writeString(log, "VMSTATION-PROBE-BEGIN block\nmajor minor\nVMSTATION-PROBE-END block\n");
        assertThat(ProbeOutput.parse(log)).containsEntry("block", List.of("major minor"));

        Path huge = dir.resolve("huge.log");
        try (var channel = java.nio.channels.FileChannel.open(huge,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), ProbeOutput.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> ProbeOutput.parse(huge)).isInstanceOf(IOException.class).hasMessageContaining("huge.log");
    }
}
