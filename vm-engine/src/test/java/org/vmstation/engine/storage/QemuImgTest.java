package org.vmstation.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.DiskFormat;

class QemuImgTest {
    @TempDir Path dir;
    private final QemuImg img = QemuImg.locate();

    @Test
    void createsQcow2AndRawAndReadsThemBack() throws Exception {
        Path q = dir.resolve("disk, one.qcow2");
        img.create(q, DiskFormat.QCOW2, SizeParser.parse("8G"));
        DiskImageInfo qi = img.info(q);
        assertThat(qi.format()).isEqualTo("qcow2");
        assertThat(qi.virtualSize()).isEqualTo(8L << 30);
        assertThat(qi.actualSize()).isPositive().isLessThan(10L << 20); // sparse: nothing written yet
        assertThat(qi.backingFile()).isNull();
        assertThat(qi.dirty()).isFalse();
        assertThat(qi.encrypted()).isFalse();
        assertThat(qi.corrupt()).isFalse();

        Path r = dir.resolve("disk.img");
        img.create(r, DiskFormat.RAW, SizeParser.parse("64M"));
        assertThat(img.info(r).format()).isEqualTo("raw");
        assertThat(Files.size(r)).isEqualTo(64L << 20);
    }

    @Test
    void createsAnOverlayOnABackingFile() throws Exception {
        Path base = dir.resolve("base.qcow2");
        img.create(base, DiskFormat.QCOW2, 32L << 20);
        Path overlay = dir.resolve("overlay.qcow2");
        img.create(overlay, DiskFormat.QCOW2, 0, base, DiskFormat.QCOW2);
        DiskImageInfo info = img.info(overlay);
        assertThat(info.backingFile()).isEqualTo(base.toAbsolutePath().toString());
        assertThat(info.backingFormat()).isEqualTo("qcow2");
        assertThat(info.virtualSize()).isEqualTo(32L << 20);
    }

    @Test
    void refusesToOverwriteAndReportsBadInput() throws Exception {
        Path q = dir.resolve("a.qcow2");
        img.create(q, DiskFormat.QCOW2, 1L << 20);
        assertThatThrownBy(() -> img.create(q, DiskFormat.QCOW2, 1L << 20)).isInstanceOf(QemuImgException.class)
                .hasMessageContaining(q.toString()).hasMessageContaining("already exists");
        assertThatThrownBy(() -> img.create(dir.resolve("z.qcow2"), DiskFormat.QCOW2, 0)).hasMessageContaining("expected more than 0");
        assertThatThrownBy(() -> img.info(dir.resolve("missing.qcow2"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> img.create(dir.resolve("no/such/dir/x.qcow2"), DiskFormat.QCOW2, 1L << 20))
                .isInstanceOf(QemuImgException.class).hasMessageContaining("no/such/dir/x.qcow2");
        Path notAnImage = Files.writeString(dir.resolve("text.qcow2"), "hello");
        assertThatThrownBy(() -> img.convert(notAnImage, DiskFormat.QCOW2, dir.resolve("out.raw"), DiskFormat.RAW, null, null))
                .isInstanceOf(QemuImgException.class).hasMessageContaining("qcow2");
        assertThat(dir.resolve("out.raw")).doesNotExist();
    }

    @Test
    void convertReportsProgressUpToCompletion() throws Exception {
        Path raw = randomRaw("src.img", 48);
        Path out = dir.resolve("out.qcow2");
        List<Double> progress = new CopyOnWriteArrayList<>();
        img.convert(raw, DiskFormat.RAW, out, DiskFormat.QCOW2, progress::add, CancellationToken.none());
        assertThat(img.info(out).format()).isEqualTo("qcow2");
        assertThat(img.info(out).virtualSize()).isEqualTo(48L << 20);
        assertThat(progress).hasSizeGreaterThan(2);
        assertThat(progress.getLast()).isEqualTo(1.0);
        assertThat(progress).isSorted().allMatch(f -> f >= 0 && f <= 1);
    }

    @Test
    void cancelledConvertLeavesNoPartialOutput() throws Exception {
        Path raw = randomRaw("big.img", 128);
        Path out = dir.resolve("partial.qcow2");
        CancellationToken cancel = new CancellationToken();
        List<Double> progress = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> img.convert(raw, DiskFormat.RAW, out, DiskFormat.QCOW2, f -> {
            progress.add(f);
            cancel.cancel();
        }, cancel)).isInstanceOf(CancellationException.class).hasMessageContaining(raw.toString());
        assertThat(progress).isNotEmpty();
        assertThat(out).doesNotExist();
        assertThat(raw).exists();
    }

    @Test
    void resizeGrowsAndShrinksOnlyWhenAllowed() throws Exception {
        Path q = dir.resolve("r.qcow2");
        img.create(q, DiskFormat.QCOW2, 64L << 20);
        img.resize(q, DiskFormat.QCOW2, 128L << 20, false);
        assertThat(img.info(q).virtualSize()).isEqualTo(128L << 20);
        assertThatThrownBy(() -> img.resize(q, DiskFormat.QCOW2, 32L << 20, false)).hasMessageContaining("Refusing to shrink")
                .hasMessageContaining("128M").hasMessageContaining("32M");
        img.resize(q, DiskFormat.QCOW2, 32L << 20, true);
        assertThat(img.info(q).virtualSize()).isEqualTo(32L << 20);
    }

    @Test
    void infoParsesRecordedJsonAndRejectsMalformedJson() throws Exception {
        String json = """
                {"virtual-size": 1073741824, "filename": "o.qcow2", "format": "qcow2", "actual-size": 200704,
                 "backing-filename": "b.qcow2", "backing-filename-format": "qcow2", "encrypted": true, "dirty-flag": true,
                 "format-specific": {"type": "qcow2", "data": {"corrupt": true}}}""";
        DiskImageInfo i = QemuImg.parseInfo(Path.of("o.qcow2"), json);
        assertThat(i).isEqualTo(new DiskImageInfo(Path.of("o.qcow2"), "qcow2", 1L << 30, 200704, "b.qcow2", "qcow2", true, true, true));
        assertThatThrownBy(() -> QemuImg.parseInfo(Path.of("x"), "[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> QemuImg.parseInfo(Path.of("x"), "{\"format\":\"raw\",\"virtual-size\":-5}")).hasMessageContaining("virtual-size");
        assertThatThrownBy(() -> QemuImg.parseInfo(Path.of("x"), "{\"virtual-size\":5}")).hasMessageContaining("format");
    }

    private Path randomRaw(String name, int mib) throws Exception {
        Path p = dir.resolve(name);
        Random rnd = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int i = 0; i < mib; i++) {
                rnd.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return p;
    }
}
