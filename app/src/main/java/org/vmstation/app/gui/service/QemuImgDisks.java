package org.vmstation.app.gui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.app.gui.task.ProgressReporter;

/**
 * {@link DiskImages} through the {@code qemu-img} tool. Replace the process calls with the engine's QemuImg
 * wrapper once it offers create and info.
 */
public final class QemuImgDisks implements DiskImages {
    private final String qemuImg;

    public QemuImgDisks(String qemuImg) { this.qemuImg = qemuImg; }

    public static QemuImgDisks onPath() { return new QemuImgDisks("qemu-img"); }

    @Override
    public void createQcow2(Path path, long sizeBytes, ProgressReporter progress) throws Exception {
        if (Files.exists(path)) throw new IOException("cannot create disk " + path + ": a file of that name exists already");
        run(List.of(qemuImg, "create", "-q", "-f", "qcow2", path.toString(), Long.toString(sizeBytes)), "create disk " + path);
        progress.update(1, 1, "Disk created");
    }

    @Override
    public long sizeOnDisk(Path path) throws Exception {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        String json = run(List.of(qemuImg, "info", "--output=json", "-U", path.toString()), "read disk " + path);
        JsonNode size = new ObjectMapper().readTree(json).get("actual-size");
        if (size == null || !size.canConvertToLong()) throw new IOException("qemu-img info " + path + ": no actual-size in its answer");
        return size.asLong();
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readNBytes(1024 * 1024);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("could not " + what + ": qemu-img did not finish within 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("could not " + what + ": " + text.strip());
        return text;
    }
}
