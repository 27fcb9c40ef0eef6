package org.vmstation.engine.importer.service;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import org.vmstation.engine.qemu.ProcessRunner;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.ConvertProgressParser;
import org.vmstation.engine.storage.QemuImg;
import org.vmstation.engine.storage.QemuImgException;

/**
 * {@code qemu-img convert} from an {@link ImageSource} (a file or a window of an archive) into a new image, with
 * target options such as {@code subformat=streamOptimized}. {@link QemuImg#convert} takes a plain source path;
 * imports need the {@code json:} source form and exports need target options, so this runs the same binary with
 * the same progress and cancel behaviour. A failed or cancelled conversion leaves no target file.
 */
public final class ImageConverter {
    private final Path binary;

    public ImageConverter(QemuImg qemuImg) { this.binary = Objects.requireNonNull(qemuImg, "qemuImg").binary(); }

    /**
     * @param targetFormat  qemu format name of the new image (qcow2, vmdk...)
     * @param targetOptions {@code -o} options, e.g. {@code subformat=streamOptimized}; empty for none
     * @param progress      receives fractions 0..1 as qemu-img reports them
     * @throws CancellationException when {@code cancel} was cancelled first
     */
    public void convert(ImageSource source, Path target, String targetFormat, List<String> targetOptions, DoubleConsumer progress,
                        CancellationToken cancel) throws IOException {
        if (Files.exists(target)) throw new QemuImgException("Cannot convert into " + target + ": the file already exists");
        if (!Files.isRegularFile(source.file())) throw new QemuImgException("Cannot convert " + source.describe() + ": the file does not exist");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "convert", "-p", "-O", targetFormat));
        for (String o : targetOptions) cmd.addAll(List.of("-o", o));
        cmd.add(source.toQemuArgument());
        cmd.add(target.toString());
        CancellationToken token = cancel == null ? CancellationToken.none() : cancel;
        boolean done = false;
        try {
            if (token.isCancelled()) throw new CancellationException("conversion of " + source.describe() + " was cancelled");
            run(cmd, source, target, progress == null ? f -> {} : progress, token);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(target);
        }
    }

    private static void run(List<String> cmd, ImageSource source, Path target, DoubleConsumer progress, CancellationToken cancel)
            throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getErrorStream()),
                r -> Thread.ofVirtual().start(r));
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> readProgress(p, progress), r -> Thread.ofVirtual().start(r));
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
                    throw new CancellationException("conversion of " + source.describe() + " was cancelled");
                }
            }
            stdout.get(5, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new QemuImgException("Could not convert " + source.describe() + " to " + target + ": " + reason(stderr.get(5, TimeUnit.SECONDS)));
            }
            if (cancel.isCancelled()) throw new CancellationException("conversion of " + source.describe() + " was cancelled");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CancellationException("conversion of " + source.describe() + " was interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new QemuImgException("Could not read qemu-img's output while converting " + source.describe(), e);
        }
    }

    /** qemu-img -p writes "    (12.34/100%)\r"; {@link ConvertProgressParser} turns that into fractions. */
    private static void readProgress(Process p, DoubleConsumer progress) {
        ConvertProgressParser parser = new ConvertProgressParser(progress);
        try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[512];
            for (int n; (n = in.read(buffer)) >= 0; ) parser.accept(CharBuffer.wrap(buffer, 0, n));
            parser.finish();
        } catch (IOException e) {
            // the process was stopped; its exit code tells what happened
        }
    }

    /** qemu-img's last error line, without its program prefix and with json: sources shortened. */
    static String reason(String stderr) {
        String last = "";
        for (String line : stderr.split("\\R")) if (!line.isBlank()) last = line.strip();
        if (last.isEmpty()) return "qemu-img failed without a message";
        return last.replaceFirst("^qemu-img(?:\\.exe)?:\\s*", "").replaceAll("json:\\{.*?\\}+", "the image");
    }
}
