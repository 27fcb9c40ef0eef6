package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guest disk's layout and its refusals, without booting anything. */
class GuestDiskBuilderTest {
    @TempDir Path dir;

    @Test
    void theMbrHasTheBootCodeOneBootableFat16LbaPartitionAtOneMibAndTheSignature() throws Exception {
        byte[] code = new byte[440];
        Arrays.fill(code, (byte) 0x90);
        byte[] fs = new byte[4096];
        Arrays.fill(fs, (byte) 0x5a);
        Path partition = Files.write(dir.resolve("part.img"), fs);
        Path disk = dir.resolve("disk.img");

        GuestDiskBuilder.writeDisk(disk, code, partition, 8);

        byte[] all = Files.readAllBytes(disk);
        assertThat(all).hasSize(1024 * 1024 + 4096);
        assertThat(Arrays.copyOf(all, 440)).isEqualTo(code);
        ByteBuffer mbr = ByteBuffer.wrap(all, 0, 512).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(mbr.get(446) & 0xff).as("bootable").isEqualTo(0x80);
        assertThat(mbr.get(450) & 0xff).as("FAT16 LBA").isEqualTo(0x0e);
        assertThat(mbr.getInt(454)).as("first sector").isEqualTo(2048);
        assertThat(mbr.getInt(458)).as("sectors").isEqualTo(8);
        assertThat(mbr.get(462)).as("no second partition").isZero();
        assertThat(mbr.get(510) & 0xff).isEqualTo(0x55);
        assertThat(mbr.get(511) & 0xff).isEqualTo(0xaa);
        assertThat(Arrays.copyOfRange(all, 1024 * 1024, all.length)).isEqualTo(fs);
    }

    @Test
    void shortBootCodeIsRefusedNamingItsSize() throws Exception {
        Path partition = Files.write(dir.resolve("part.img"), new byte[512]);
        assertThatThrownBy(() -> GuestDiskBuilder.writeDisk(dir.resolve("disk.img"), new byte[100], partition, 1))
                .isInstanceOf(GuestImageException.class)
                .hasMessageContaining("100 bytes").hasMessageContaining("expected 440");
    }

    @Test
    void missingSyslinuxIsRefusedWithTheFixAndLeavesNoDisk() throws Exception {
        GuestImage guest = new GuestImage(Files.writeString(dir.resolve("vmlinuz"), "kernel"),
                Files.writeString(dir.resolve("initrd.img"), "initrd"), GuestImageLocator.RECIPE_VERSION);
        Path cache = dir.resolve("cache");
        GuestDiskBuilder builder = new GuestDiskBuilder(cache, List.of(dir.resolve("no/such/mbr.bin")));

        assertThatThrownBy(() -> builder.ensure(guest, line -> { }))
                .isInstanceOf(GuestImageException.class)
                .hasMessageContaining("no SYSLINUX MBR boot code")
                .hasMessageContaining("no/such/mbr.bin")
                .hasMessageContaining("scripts/setup-deps.sh");
        assertThat(builder.diskDirectory()).doesNotExist();
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("only the lock file").containsExactly(".disk.lock");
        }
    }

    @Test
    void syslinuxBootsTheKernelWithTheGuestsCommandLineAndNoPrompt() {
        String cfg = GuestDiskBuilder.syslinuxConfig();
        assertThat(cfg).contains("PROMPT 0").contains("KERNEL vmlinuz").contains("INITRD initrd.img")
                .contains("APPEND console=ttyS0").contains("vmstation.probe=block");
    }
}
