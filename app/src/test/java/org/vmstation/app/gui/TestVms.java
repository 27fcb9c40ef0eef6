package org.vmstation.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/** Real disk images and definitions for the GUI tests. */
public final class TestVms {
    private TestVms() {}

    /** A real 16 MiB qcow2 made by qemu-img. */
    public static Path qcow2(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name + ".qcow2");
        Process proc = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", p.toString(), "16M").inheritIO().start();
        if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0) throw new IOException("qemu-img create failed for " + p);
        return p;
    }

    public static VmDefinition vm(Path dir, String name, String os, List<String> tags, String notes) throws Exception {
        return VmDefinition.builder(name).osType(os).memoryMiB(256).cpus(1)
                .addDisk(DiskSpec.qcow2(qcow2(dir, name.replace(' ', '_')).toString()))
                .tags(tags).notes(notes).build();
    }

    public static VmEntry entry(String name, String os, VmState state, List<String> tags, String notes, Instant created, Instant lastRun) {
        VmDefinition d = VmDefinition.builder(name).osType(os).addDisk(DiskSpec.qcow2("/nonexistent/" + name + ".qcow2"))
                .tags(tags).notes(notes).build();
        return new VmEntry(d, state, created, lastRun, created);
    }
}
