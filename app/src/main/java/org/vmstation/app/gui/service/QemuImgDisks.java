package org.vmstation.app.gui.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vmstation.app.gui.task.ProgressReporter;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.storage.QemuImg;

/** {@link DiskImages} through the engine's {@link QemuImg} wrapper. */
public final class QemuImgDisks implements DiskImages {
    private final QemuImg qemuImg;

    public QemuImgDisks(QemuImg qemuImg) { this.qemuImg = qemuImg; }

    /** The qemu-img the engine finds on this machine. */
    public static QemuImgDisks onPath() { return new QemuImgDisks(QemuImg.locate()); }

    @Override
    public void createQcow2(Path path, long sizeBytes, ProgressReporter progress) throws Exception {
        if (Files.exists(path)) throw new IOException("cannot create disk " + path + ": a file of that name exists already");
        qemuImg.create(path, DiskFormat.QCOW2, sizeBytes);
        progress.update(1, 1, "Disk created");
    }

    @Override
    public long sizeOnDisk(Path path) throws Exception {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        return qemuImg.info(path).actualSize();
    }
}
