package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerRegionTest {
    @TempDir Path dir;

    @Test
    void publishesTheDocumentedLayout() throws Exception {
        PowerState s = PowerState.defaults().withChargePercent(35).withStatus(BatteryStatus.DISCHARGING).withAcOnline(false);
        try (PowerRegion r = PowerRegion.open(dir.resolve("power.shm"))) {
            r.publish(s, new ChangeCounters(3, 1, 2, 4, 5));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("power.shm"));
        assertThat(bytes).hasSize(4096);
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VMSP");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0x04)).isEqualTo(1);
        assertThat(b.getInt(0x08)).isEqualTo(2); // one write: 0 -> 1 (writing) -> 2 (stable)
        assertThat(b.getInt(0x0C)).isEqualTo(0b101); // battery present, AC offline, lid open
        assertThat(b.getInt(0x10)).isEqualTo(1); // discharging
        assertThat(b.getInt(0x14)).isEqualTo(50_000);
        assertThat(b.getInt(0x18)).isEqualTo(50_000);
        assertThat(b.getInt(0x1C)).isEqualTo(17_500);
        assertThat(b.getInt(0x20)).isEqualTo(10_000);
        assertThat(b.getInt(0x24)).isEqualTo(12_100);
        assertThat(b.getInt(0x28)).isEqualTo(11_100);
        assertThat(b.getInt(0x2C)).isEqualTo(42);
        assertThat(b.getInt(0x30)).isEqualTo(1);
        assertThat(b.getInt(0x34)).isEqualTo(5_000);
        assertThat(b.getInt(0x38)).isEqualTo(2_500);
        assertThat(new int[] {b.getInt(0x40), b.getInt(0x44), b.getInt(0x48), b.getInt(0x4C), b.getInt(0x50)}).containsExactly(3, 2, 4, 5, 1);
        assertThat(new String(bytes, 0x80, 17, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VMStation Battery");
        assertThat(bytes[0x80 + 17]).isZero();
        assertThat(new String(bytes, 0xC0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("LION");
    }

    @Test
    void readsBackWhatItPublished() throws Exception {
        PowerState s = PowerState.defaults().withChargePercent(71).withLidOpen(false);
        try (PowerRegion r = PowerRegion.open(dir.resolve("power.shm"))) {
            r.publish(s, new ChangeCounters(1, 0, 0, 1, 0));
            r.publish(s, new ChangeCounters(1, 0, 0, 1, 0));
            RegionSnapshot snap = r.read();
            assertThat(snap.state()).isEqualTo(s);
            assertThat(snap.counters()).isEqualTo(new ChangeCounters(1, 0, 0, 1, 0));
            assertThat(snap.sequence()).isEqualTo(4);
        }
    }

    @Test
    void scribbledFieldsAreNamedAndNeverTrusted() throws Exception {
        try (PowerRegion r = PowerRegion.open(dir.resolve("power.shm"))) {
            r.publish(PowerState.defaults(), ChangeCounters.ZERO);
            r.scribble(0, new byte[] {(byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE});
            assertThatThrownBy(r::read).isInstanceOf(PowerRegionException.class).hasMessageContaining("magic is 0xdeadbeef");
            r.publish(PowerState.defaults(), ChangeCounters.ZERO);
            r.scribble(0x1C, le(60_000));
            assertThatThrownBy(r::read).hasMessageContaining("battery remaining capacity 60000 mWh is out of range");
            r.publish(PowerState.defaults(), ChangeCounters.ZERO);
            r.scribble(0x08, le(7));
            assertThatThrownBy(r::read).hasMessageContaining("sequence is 7, expected an even number");
            r.publish(PowerState.defaults(), ChangeCounters.ZERO); // an odd sequence left behind is stepped over
            assertThat(r.read().sequence()).isEqualTo(10);
            byte[] noNul = new byte[32];
            java.util.Arrays.fill(noNul, (byte) 'A');
            r.scribble(0x80, noNul);
            assertThatThrownBy(r::read).hasMessageContaining("model is no terminating NUL in 32 bytes");
            r.scribble(0x80, new byte[] {'A', 7, 0});
            assertThatThrownBy(r::read).hasMessageContaining("model is a byte 0x7 at position 2");
        }
    }

    @Test
    void randomGarbageOnlyEverGivesARegionError() throws Exception {
        Random random = new Random(8);
        try (PowerRegion r = PowerRegion.open(dir.resolve("power.shm"))) {
            for (int i = 0; i < 2000; i++) {
                r.publish(PowerState.defaults(), ChangeCounters.ZERO);
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                r.scribble(random.nextInt(256 - junk.length), junk);
                try {
                    assertThat(r.read().state()).isNotNull();
                } catch (PowerRegionException expected) {
                    assertThat(expected.getMessage()).contains("holds a value the host never wrote");
                }
            }
        }
    }

    @Test
    void refusesAFileOfTheWrongSize() throws Exception {
        Path f = Files.write(dir.resolve("odd.shm"), new byte[100]);
        assertThatThrownBy(() -> PowerRegion.open(f)).hasMessageContaining("is 100 bytes long: expected 4096");
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
