package org.vmstation.engine.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.qemu.ProcessRunner;
import org.vmstation.engine.qemu.QemuBinaryLocator;

/**
 * Disk images through {@code qemu-img}: create, inspect, convert (with progress and cancel) and resize. Every
 * call runs qemu-img from an argument list, never through a shell. Existing files are never overwritten.
 */
public final class QemuImg {
    static final Duration SHORT_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final ProcessRunner runner;

    public QemuImg(Path binary) { this(binary, ProcessRunner.system()); }

    public QemuImg(Path binary, ProcessRunner runner) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.runner = runner;
    }

    /** qemu-img of this host (next to qemu-system-x86_64, or from PATH). */
    public static QemuImg locate() { return new QemuImg(QemuBinaryLocator.locateQemuImg()); }

    public Path binary() { return binary; }

    /** Creates an empty image of {@code sizeBytes}. */
    public void create(Path path, DiskFormat format, long sizeBytes) throws IOException {
        create(path, format, sizeBytes, null, null);
    }

    /**
     * Creates an image; with a backing file it is an overlay that starts out reading everything from it.
     *
     * @param sizeBytes     the virtual size, or 0 with a backing file to take the backing file's size
     * @param backingFile   the backing image, or null
     * @param backingFormat its format (required with a backing file: guessing formats is unsafe)
     */
    public void create(Path path, DiskFormat format, long sizeBytes, Path backingFile, DiskFormat backingFormat) throws IOException {
        if (Files.exists(path)) throw new QemuImgException("Cannot create disk image " + path + ": the file already exists");
        if (sizeBytes < 0 || (sizeBytes == 0 && backingFile == null)) {
            throw new IllegalArgumentException("size of new disk image " + path + " is " + sizeBytes + " bytes: expected more than 0");
        }
        List<String> cmd = command("create", "-q", "-f", format.qemuName());
        if (backingFile != null) {
            if (backingFormat == null) throw new IllegalArgumentException("backing file " + backingFile + " needs its format");
            if (format != DiskFormat.QCOW2 && format != DiskFormat.VMDK) {
                throw new IllegalArgumentException("a " + format.qemuName() + " image cannot have a backing file (use qcow2)");
            }
            cmd.addAll(List.of("-b", backingFile.toAbsolutePath().toString(), "-F", backingFormat.qemuName()));
        }
        cmd.add(path.toString());
        if (sizeBytes > 0) cmd.add(Long.toString(sizeBytes));
        run(cmd, "create disk image " + path);
    }

    /** Reads the image's header; works while a VM uses the image (it is opened shared, read-only). */
    public DiskImageInfo info(Path path) throws IOException {
        if (!Files.exists(path)) throw new QemuImgException("Disk image " + path + " does not exist");
        ProcessRunner.Result r = run(command("info", "--output=json", "-U", path.toString()), "read disk image " + path);
        try {
            return parseInfo(path, r.stdout());
        } catch (IOException | RuntimeException e) {
            throw new QemuImgException("qemu-img info gave unreadable output for " + path + ": " + e.getMessage(), e);
        }
    }

    static DiskImageInfo parseInfo(Path path, String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        if (n == null || !n.isObject()) throw new IOException("expected a JSON object");
        JsonNode format = n.get("format");
        JsonNode virtualSize = n.get("virtual-size");
        if (format == null || !format.isTextual()) throw new IOException("no 'format'");
        if (virtualSize == null || !virtualSize.canConvertToLong() || virtualSize.asLong() < 0) throw new IOException("no valid 'virtual-size'");
        JsonNode actual = n.get("actual-size");
        long actualSize = actual != null && actual.canConvertToLong() && actual.asLong() >= 0 ? actual.asLong() : -1;
        String backing = text(n, "backing-filename");
        String backingFormat = text(n, "backing-filename-format");
        boolean corrupt = n.path("format-specific").path("data").path("corrupt").asBoolean(false);
        return new DiskImageInfo(path, format.asText(), virtualSize.asLong(), actualSize, backing, backingFormat,
                n.path("dirty-flag").asBoolean(false), n.path("encrypted").asBoolean(false), corrupt);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * Copies {@code source} into a new image {@code target} in another format, reporting progress 0..1 as
     * qemu-img prints it. A cancelled or failed conversion leaves no partial target behind.
     *
     * @param sourceFormat the source format, or null to let qemu-img detect it (only for files the user chose)
     * @throws CancellationException when {@code cancel} was cancelled before the conversion finished
     */
    public void convert(Path source, DiskFormat sourceFormat, Path target, DiskFormat targetFormat,
                        DoubleConsumer progress, CancellationToken cancel) throws IOException {
        if (!Files.exists(source)) throw new QemuImgException("Cannot convert " + source + ": the file does not exist");
        if (Files.exists(target)) throw new QemuImgException("Cannot convert into " + target + ": the file already exists");
        List<String> cmd = command("convert", "-p");
        if (sourceFormat != null) cmd.addAll(List.of("-f", sourceFormat.qemuName()));
        cmd.addAll(List.of("-O", targetFormat.qemuName(), source.toString(), target.toString()));
        CancellationToken token = cancel == null ? CancellationToken.none() : cancel;
        boolean done = false;
        try {
            runConvert(cmd, source, target, progress == null ? f -> {} : progress, token);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(target);
        }
    }

    private static void runConvert(List<String> cmd, Path source, Path target, DoubleConsumer progress,
                                   CancellationToken cancel) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getErrorStream()),
                r -> Thread.ofVirtual().start(r));
        // A listener that cancels (the usual "Cancel" button path) stops qemu-img at once, not at the next poll.
        ConvertProgressParser parser = new ConvertProgressParser(fraction -> {
            progress.accept(fraction);
            if (cancel.isCancelled()) p.destroy();
        });
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> {
            try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
                int c;
                while ((c = in.read()) >= 0) parser.accept((char) c);
                parser.finish();
            } catch (IOException e) {
                // the process was stopped; the exit code tells what happened
            }
        }, r -> Thread.ofVirtual().start(r));
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
                    throw new CancellationException("conversion of " + source + " was cancelled");
                }
            }
            stdout.get(5, TimeUnit.SECONDS);
            // Checked before the exit code: a cancelling listener kills qemu-img, which then exits with an error.
            if (cancel.isCancelled()) throw new CancellationException("conversion of " + source + " was cancelled");
            if (p.exitValue() != 0) {
                throw new QemuImgException("Could not convert " + source + " to " + target + ": " + reason(stderr.get(5, TimeUnit.SECONDS)));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CancellationException("conversion of " + source + " was interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new QemuImgException("Could not read qemu-img's output while converting " + source, e);
        }
    }

    /**
     * Changes the virtual size. Growing is always safe; shrinking cuts off the end of the disk and must be
     * asked for with {@code allowShrink}.
     */
    public void resize(Path path, DiskFormat format, long newSizeBytes, boolean allowShrink) throws IOException {
        if (newSizeBytes <= 0) throw new IllegalArgumentException("new size of " + path + " is " + newSizeBytes + " bytes: expected more than 0");
        DiskImageInfo before = info(path);
        if (newSizeBytes < before.virtualSize() && !allowShrink) {
            throw new QemuImgException("Refusing to shrink " + path + " from " + SizeParser.format(before.virtualSize()) + " to "
                    + SizeParser.format(newSizeBytes) + ": data at the end of the disk would be lost");
        }
        List<String> cmd = command("resize", "-q", "-f", format.qemuName());
        if (newSizeBytes < before.virtualSize()) cmd.add("--shrink");
        cmd.addAll(List.of(path.toString(), Long.toString(newSizeBytes)));
        run(cmd, "resize disk image " + path);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private ProcessRunner.Result run(List<String> cmd, String what) throws IOException {
        ProcessRunner.Result r = runner.run(cmd, SHORT_TIMEOUT);
        if (!r.ok()) throw new QemuImgException("Could not " + what + ": " + reason(r.stderr()));
        return r;
    }

    /** qemu-img's last error line without its program prefix. */
    static String reason(String stderr) {
        String last = "";
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank()) last = line.strip();
        }
        if (last.isEmpty()) return "qemu-img failed without a message";
        return last.replaceFirst("^qemu-img(?:\\.exe)?:\\s*", "");
    }
}
