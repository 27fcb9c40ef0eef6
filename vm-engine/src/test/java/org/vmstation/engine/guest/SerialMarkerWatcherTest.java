package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialMarkerWatcherTest {
    private static final String MARKER = "VMSTATION-READY";

    @Test
    void completesWhenMarkerLineArrivesInPiecesInAFileCreatedLater(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        try (SerialMarkerWatcher watcher = SerialMarkerWatcher.start(log, MARKER)) {
            Thread.sleep(60);
            append(log, "booting...\r\nVMSTATION-RE");
            Thread.sleep(60);
            assertThat(watcher.future()).isNotDone();
            append(log, "ADY");
            Thread.sleep(60);
            // Not yet a whole line.
            assertThat(watcher.future()).isNotDone();
            append(log, "\r\n");

            Duration elapsed = watcher.future().get(5, TimeUnit.SECONDS);
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void ignoresOtherLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        append(log, "VMSTATION-PROBE-BEGIN usb\nVMSTATION-READ\nREADY\n");
        try (SerialMarkerWatcher watcher = SerialMarkerWatcher.start(log, MARKER)) {
            Thread.sleep(150);
            assertThat(watcher.future()).isNotDone();
        }
    }

    @Test
    void startingAtAnOffsetSkipsEarlierMarkers(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        append(log, "VMSTATION-READY\n");
        long size = Files.size(log);
        try (SerialMarkerWatcher watcher = SerialMarkerWatcher.start(log, MARKER, size)) {
            Thread.sleep(100);
            assertThat(watcher.future()).isNotDone();
            append(log, "second boot\nVMSTATION-READY\n");
            assertThat(watcher.future().get(5, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void findsMarkerInOverlongLineEvenAcrossTheCut(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        // Put the marker so that it straddles the MAX_LINE_BYTES boundary of the line buffer.
        String padding = "z".repeat(SerialMarkerWatcher.MAX_LINE_BYTES - 5);
        append(log, padding + MARKER + "z".repeat(3 * SerialMarkerWatcher.MAX_LINE_BYTES) + "\n");
        try (SerialMarkerWatcher watcher = SerialMarkerWatcher.start(log, MARKER)) {
            assertThat(watcher.future().get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void restartsFromTheBeginningWhenTheFileIsRecreatedSmaller(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        append(log, "x".repeat(10_000) + "\n");
        try (SerialMarkerWatcher watcher = SerialMarkerWatcher.start(log, MARKER)) {
            Thread.sleep(100);
            Files.writeString(log, "VMSTATION-READY\n");
            assertThat(watcher.future().get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void closeCancelsThePendingFuture(@TempDir Path dir) {
        SerialMarkerWatcher watcher = SerialMarkerWatcher.start(dir.resolve("never.log"), MARKER);
        watcher.close();
        assertThat(watcher.future()).isCancelled();
        assertThatThrownBy(() -> watcher.future().get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void rejectsBadArguments(@TempDir Path dir) {
        assertThatThrownBy(() -> SerialMarkerWatcher.start(dir.resolve("a"), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialMarkerWatcher.start(dir.resolve("a"), "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialMarkerWatcher.start(dir.resolve("a"), MARKER, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static void append(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
