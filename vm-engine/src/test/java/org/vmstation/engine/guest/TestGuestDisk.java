package org.vmstation.engine.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo guest as a bootable disk, for tests that import or export real disks (published in vm-engine's
 * test-jar). Built on first use from {@link TestGuest#image()} and cached next to it.
 */
public final class TestGuestDisk {
    private static GuestDisk disk;

    private TestGuestDisk() {
    }

    /** The cached raw disk, built if needed; never write to it (convert it first). */
    public static synchronized GuestDisk disk() {
        if (disk == null) {
            disk = new GuestDiskBuilder().ensure(TestGuest.image(), line -> System.err.println(line));
        }
        return disk;
    }

    /**
     * The guest disk converted by {@code qemu-img convert -O FORMAT [-o OPTIONS]} into {@code target}, e.g.
     * {@code ("vmdk", "subformat=streamOptimized")} for an OVA or {@code ("vmdk", "subformat=twoGbMaxExtentSparse")}
     * for a VMware Workstation split sparse disk.
     */
    public static Path convertedTo(Path target, String format, String options) throws IOException, InterruptedException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("qemu-img", "convert", "-f", "raw", "-O", format));
        if (options != null && !options.isEmpty()) cmd.addAll(java.util.List.of("-o", options));
        cmd.addAll(java.util.List.of(disk().image().toString(), target.toString()));
        run(cmd);
        return target;
    }

    static void run(java.util.List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
