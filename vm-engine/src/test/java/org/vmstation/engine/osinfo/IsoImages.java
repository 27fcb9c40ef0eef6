package org.vmstation.engine.osinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real ISO 9660 images made with genisoimage (setup-deps --test installs it), for detection tests. */
public final class IsoImages {
    private IsoImages() {}

    /** A small ISO in {@code dir} with the given volume id (and system id "LINUX", genisoimage's default here). */
    public static Path make(Path dir, String fileName, String volumeId, String publisherId) throws IOException, InterruptedException {
        Path content = Files.createDirectories(dir.resolve(fileName + ".d"));
        Files.writeString(content.resolve("README.TXT"), "installer image for tests\n");
        Path iso = dir.resolve(fileName);
        List<String> cmd = new java.util.ArrayList<>(List.of("genisoimage", "-quiet", "-V", volumeId, "-o", iso.toString()));
        if (publisherId != null) cmd.addAll(List.of("-publisher", publisherId));
        cmd.add(content.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("genisoimage is needed to make test ISOs: run scripts/setup-deps.sh --test (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("genisoimage failed: " + out);
        return iso;
    }
}
