package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSDT compiled by the real iasl: a well-formed table whose methods use the region's documented offsets. */
class PowerSsdtTest {
    @TempDir Path dir;

    @Test
    void compilesToAValidSsdt() throws Exception {
        Path aml = PowerSsdt.compile(dir);
        byte[] b = Files.readAllBytes(aml);
        assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SSDT");
        int length = (b[4] & 0xFF) | (b[5] & 0xFF) << 8 | (b[6] & 0xFF) << 16 | (b[7] & 0xFF) << 24;
        assertThat(length).isEqualTo(b.length);
        assertThat(b[8]).as("revision 2: 64-bit integers, needed for a BAR above 4 GiB").isEqualTo((byte) 2);
        int sum = 0;
        for (byte x : b) sum += x & 0xFF;
        assertThat(sum & 0xFF).as("table checksum").isZero();
        assertThat(new String(b, 10, 6, StandardCharsets.US_ASCII)).isEqualTo("VMSTN ");
        assertThat(new String(b, 16, 8, StandardCharsets.US_ASCII)).isEqualTo("VMSPOWER");
    }

    @Test
    void disassemblesToTheFourDevicesAndTheEventDevice() throws Exception {
        Path aml = PowerSsdt.compile(dir);
        Process p = new ProcessBuilder("iasl", "-d", aml.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String dsl = Files.readString(dir.resolve("power-ssdt.dsl"));
        assertThat(dsl).contains("EisaId (\"PNP0C0A\")", "\"ACPI0003\"", "EisaId (\"PNP0C0D\")", "EisaId (\"PNP0C0E\")", "\"ACPI0013\"",
                "Method (_BST", "Method (_BIX", "Method (_BIF", "Method (_PSR", "Method (_LID", "Method (_EVT",
                "Name (_ADR, 0x001C0000)", "SystemIO, 0x2007", "Notify (\\_SB.LID0, 0x80)", "Notify (\\_SB.SLPB, 0x80)");
    }

    @Test
    void theSourceTakesEveryOffsetFromTheLayout() {
        String asl = PowerSsdt.asl();
        assertThat(asl).doesNotContain("@");
        assertThat(asl).contains("CreateDWordField (Local0, 0x1C, RCAP)", "CreateDWordField (Local0, 0x40, CBAT)",
                "CreateDWordField (Local0, 0x48, CLID)", "CreateDWordField (Local0, 0x4C, CSLP)", "If ((VDID != 0x11101AF4))",
                "0x7,");
        assertThat(PowerSsdt.irqPort()).isEqualTo(0x2007);
    }
}
