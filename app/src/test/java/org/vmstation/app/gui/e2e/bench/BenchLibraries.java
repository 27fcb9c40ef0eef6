package org.vmstation.app.gui.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.VmDefinition;

/** Libraries for the GUI benchmarks, filled through the engine's own {@link VmLibrary#add} (validation included). */
final class BenchLibraries {
    private static final String[] OS = {"debian", "ubuntu", "fedora", "windows11", "alpine", "freebsd", "linux"};
    private static final String[] ROLE = {"web", "db", "build", "desktop", "cache", "mail", "test", "proxy"};

    private BenchLibraries() {}

    /**
     * The library at {@code db} holding exactly {@code count} VMs ("web-00042" ...), made once and reused while it
     * still has that many.
     */
    static Path withVms(Path db, int count) throws Exception {
        Files.createDirectories(db.getParent());
        try (VmLibrary library = VmLibrary.open(db)) {
            int have = library.list().size();
            if (have == count) return db;
            if (have > count) throw new IllegalStateException(db + " holds " + have + " VMs, more than the " + count + " asked for; delete it");
            // every VM needs something to boot; one real (never started) image serves them all
            Path disk = db.resolveSibling("shared-disk.qcow2");
            if (!Files.exists(disk)) {
                Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M").inheritIO().start();
                if (p.waitFor() != 0) throw new IllegalStateException("qemu-img create " + disk + " failed");
            }
            long t0 = System.nanoTime();
            for (int i = have; i < count; i++) library.add(vm(i, disk));
            if (count > 0) {
                System.err.printf("[bench] added %d VMs to %s in %.1f s%n", count - have, db, (System.nanoTime() - t0) / 1e9);
            }
        }
        // the window would otherwise add the demo VM on its first run
        Files.writeString(db.resolveSibling(".demo-created"), "bench\n");
        return db;
    }

    static VmDefinition vm(int i, Path disk) {
        String role = ROLE[i % ROLE.length];
        return VmDefinition.builder(String.format("%s-%05d", role, i)).osType(OS[i % OS.length]).memoryMiB(512 + (i % 4) * 512)
                .cpus(1 + i % 2).addDisk(DiskSpec.qcow2(disk.toString())).tags(List.of(role, i % 3 == 0 ? "prod" : "lab")).notes("benchmark VM number " + i).build();
    }
}
