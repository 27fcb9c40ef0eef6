package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

class ConcurrentLibraryTest {
    @TempDir Path tmp;

    @Test
    void twoInstancesOnOneFileSeeEachOthersChanges() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary cli = VmLibrary.open(file); VmLibrary gui = VmLibrary.open(file)) {
            VmDefinition vm = VmLibraryTest.netBoot("Shared");
            cli.add(vm);
            assertThat(gui.get("shared").id()).isEqualTo(vm.id());
            gui.recordState(vm.id(), VmState.RUNNING, Instant.parse("2025-05-05T05:05:05Z"));
            assertThat(cli.get(vm.id()).lastKnownState()).isEqualTo(VmState.RUNNING);
            gui.setTags(vm.id(), List.of("from-gui"));
            assertThat(cli.list(LibraryQuery.all().withTag("from-gui"))).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void pollTellsListenersAboutAnotherInstancesChanges() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary gui = VmLibrary.open(file); VmLibrary cli = VmLibrary.open(file)) {
            AtomicInteger heard = new AtomicInteger();
            gui.addListener(heard::incrementAndGet);
            assertThat(gui.pollExternalChanges()).isFalse();
            cli.add(VmLibraryTest.netBoot("From CLI"));
            assertThat(gui.pollExternalChanges()).isTrue();
            assertThat(heard).hasValue(1);
            assertThat(gui.pollExternalChanges()).isFalse();
            // Its own changes are reported directly, not again by the poll.
            gui.add(VmLibraryTest.netBoot("From GUI"));
            assertThat(heard).hasValue(2);
            assertThat(gui.pollExternalChanges()).isFalse();
        }
    }

    @Test
    void aLongReadDoesNotBlockAWriter() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary library = VmLibrary.open(file)) {
            library.add(VmLibraryTest.netBoot("Before"));
            try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = reader.createStatement()) {
                s.execute("BEGIN");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM vms")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                long start = System.nanoTime();
                library.add(VmLibraryTest.netBoot("During"));
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(LibraryDatabase.BUSY_TIMEOUT_MS / 2);
                // The reader keeps its snapshot until its transaction ends.
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM vms")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                s.execute("COMMIT");
            }
            assertThat(library.list()).hasSize(2);
        }
    }

    @Test
    void concurrentWritersFromThreadsAndProcessesAllSucceed() throws Exception {
        Path file = tmp.resolve("library.db");
        VmLibrary.open(file).close();
        int perWriter = 15;
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("ProcA", "ProcB")) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LibraryWriterProcess.class.getName(),
                    file.toString(), prefix, String.valueOf(perWriter))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve(prefix + ".log").toFile()).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (VmLibrary first = VmLibrary.open(file); VmLibrary second = VmLibrary.open(file)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (VmLibrary lib : List.of(first, second)) {
                String prefix = lib == first ? "ThreadA" : "ThreadB";
                results.add(pool.submit((Callable<Integer>) () -> {
                    for (int i = 0; i < perWriter; i++) {
                        VmEntry e = lib.add(VmLibraryTest.netBoot(prefix + " " + i));
                        lib.recordState(e.id(), VmState.STOPPED, Instant.now());
                        lib.setTags(e.id(), List.of(prefix));
                    }
                    return perWriter;
                }));
            }
            for (Future<Integer> r : results) assertThat(r.get(120, TimeUnit.SECONDS)).isEqualTo(perWriter);
            for (Process p : processes) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(java.nio.file.Files.readString(tmp.resolve((processes.indexOf(p) == 0 ? "ProcA" : "ProcB") + ".log")))
                        .isZero();
            }
            assertThat(first.list()).hasSize(4 * perWriter);
            assertThat(second.list(LibraryQuery.all().withStates(java.util.Set.of(VmState.RUNNING)))).hasSize(2 * perWriter);
            assertThat(second.list(LibraryQuery.all().withTag("ThreadA"))).hasSize(perWriter);
        } finally {
            pool.shutdownNow();
            processes.forEach(Process::destroy);
        }
    }
}
