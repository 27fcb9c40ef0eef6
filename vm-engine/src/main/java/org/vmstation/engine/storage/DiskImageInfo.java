package org.vmstation.engine.storage;

import java.nio.file.Path;

/**
 * What qemu-img knows about an image file.
 *
 * @param path          the image
 * @param format        qemu-img's format name (qcow2, raw, vmdk, ...)
 * @param virtualSize   the disk size the guest sees, in bytes
 * @param actualSize    the space the file takes on the host, in bytes (-1 when unknown)
 * @param backingFile   the backing image as written in the file, or null
 * @param backingFormat the backing image's format, or null
 * @param dirty         whether the image was not closed cleanly (qcow2 lazy refcounts)
 * @param encrypted     whether the image is encrypted
 * @param corrupt       whether qcow2 marked itself corrupt
 */
public record DiskImageInfo(Path path, String format, long virtualSize, long actualSize, String backingFile,
                            String backingFormat, boolean dirty, boolean encrypted, boolean corrupt) {}
