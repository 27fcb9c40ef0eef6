package org.vmstation.engine.library;

import java.nio.file.Path;
import java.time.Instant;
import org.vmstation.engine.runtime.VmState;

/** Run as a separate JVM by {@link ConcurrentLibraryTest}: another VMStation process writing the same library. */
public final class LibraryWriterProcess {
    private LibraryWriterProcess() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        try (VmLibrary library = VmLibrary.open(db)) {
            for (int i = 0; i < count; i++) {
                VmEntry e = library.add(VmLibraryTest.netBoot(prefix + " " + i));
                library.recordState(e.id(), VmState.RUNNING, Instant.now());
                library.list();
            }
        }
        System.out.println("wrote " + count);
    }
}
