package org.vmstation.app.gui;

import java.nio.file.Path;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;

/**
 * The real window over a real temporary library and a {@link RecordingHost} (no QEMU, no console), for window tests
 * that drive the library, toolbar and dialogs. Open it in {@code @BeforeEach} and close it in {@code @AfterEach}.
 * Tests that need real VMs use {@code e2e.WindowOnTempLibrary}.
 */
final class WindowOnRecordingHost implements AutoCloseable {
    final VmLibrary library;
    final RecordingHost host;
    final ThreadPoolTaskExecutor executor;
    final MainWindow window;

    private WindowOnRecordingHost(VmLibrary library, RecordingHost host, ThreadPoolTaskExecutor executor, MainWindow window) {
        this.library = library;
        this.host = host;
        this.executor = executor;
        this.window = window;
    }

    /** Opens the window on a new library in {@code dir}/lib holding {@code vms}; the host's runtime folder is {@code dir}/run. */
    static WindowOnRecordingHost open(Path dir, VmDefinition... vms) throws Exception {
        VmLibrary library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        for (VmDefinition vm : vms) library.add(vm);
        RecordingHost host = new RecordingHost(dir.resolve("run"));
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
        MainWindow window = TestWindows.open(services, socket -> {
            throw new UnsupportedOperationException("no console in this test");
        });
        return new WindowOnRecordingHost(library, host, executor, window);
    }

    /** Closes the window and every dialog it left open, then the executor and the library. */
    @Override
    public void close() throws Exception {
        try {
            TestWindows.closeAll(window);
        } finally {
            executor.close();
            library.close();
        }
    }
}
