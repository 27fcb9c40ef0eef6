package org.vmstation.engine.storage;

import java.io.IOException;

/** A qemu-img operation that failed; the message names the file and carries qemu-img's reason. */
public class QemuImgException extends IOException {
    public QemuImgException(String message) { super(message); }

    public QemuImgException(String message, Throwable cause) { super(message, cause); }
}
