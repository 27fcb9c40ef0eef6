package org.vmstation.app.gui.service;

import java.nio.file.Path;
import org.vmstation.app.gui.task.ProgressReporter;

/** Disk image operations the window needs; backed by the engine's qemu-img wrapper. Every method blocks. */
public interface DiskImages {
    /** Creates a new empty qcow2 image of {@code sizeBytes} virtual size. */
    void createQcow2(Path path, long sizeBytes, ProgressReporter progress) throws Exception;

    /** Bytes the image actually occupies on the host disk. */
    long sizeOnDisk(Path path) throws Exception;
}
