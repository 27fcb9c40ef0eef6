package org.vmstation.engine.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes, and caches, a BIOS-bootable raw disk image of the demo/test guest ({@link GuestDisk}): an MBR with
 * SYSLINUX's boot code and one bootable FAT16 partition holding the guest's bzImage, its initramfs, a SYSLINUX
 * configuration and SYSLINUX itself. SeaBIOS boots it with no {@code -kernel}: it is what an imported or exported
 * disk of the demo guest looks like.
 *
 * <p>Nothing is mounted, so no root is needed: mtools ({@code mformat}, {@code mcopy}) writes the file system
 * into a partition-sized file, {@code syslinux --install} writes its boot sector and {@code ldlinux.sys} into it
 * (through mtools), and this class writes the partition table and splices the partition in at 1 MiB. Debian
 * packages: {@code mtools}, {@code syslinux}, {@code syslinux-common} (scripts/setup-deps.sh installs them).
 *
 * <p>The image lives in {@code <guest cache root>/disk-<VERSION>/guest-disk.img}; its {@code manifest} records
 * this version and the SHA-256 of the kernel and initramfs it holds, so a rebuilt guest gives a rebuilt disk.
 */
public final class GuestDiskBuilder {
    /** Bump when the produced disk changes in a way callers can observe. */
    public static final String VERSION = "1";
    static final String IMAGE_FILE = "guest-disk.img";
    static final String MANIFEST_FILE = "manifest";
    /** Where Debian's syslinux-common puts the MBR boot code, and where other distributions do. */
    static final List<Path> MBR_CODE_CANDIDATES = List.of(Path.of("/usr/lib/syslinux/mbr/mbr.bin"),
            Path.of("/usr/share/syslinux/mbr.bin"), Path.of("/usr/lib/syslinux/mbr.bin"));
    private static final String SETUP_HINT = "run scripts/setup-deps.sh (it installs mtools, syslinux and syslinux-common)";
    private static final long SECTOR = 512;
    private static final long PARTITION_START_SECTOR = 2048; // 1 MiB, where partitioning tools start the first partition
    private static final long MIB = 1024 * 1024;
    /** The file system's size beyond the kernel and initramfs: FAT tables, SYSLINUX and slack. */
    private static final long SPARE_BYTES = 8 * MIB;
    private static final int MBR_CODE_BYTES = 440;
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    private final Path cacheRoot;
    private final List<Path> mbrCodeCandidates;

    public GuestDiskBuilder() {
        this(GuestImageLocator.cacheRoot(), MBR_CODE_CANDIDATES);
    }

    public GuestDiskBuilder(Path cacheRoot, List<Path> mbrCodeCandidates) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.mbrCodeCandidates = List.copyOf(mbrCodeCandidates);
    }

    /** The folder this version's disk lives in. */
    public Path diskDirectory() {
        return cacheRoot.resolve("disk-" + VERSION);
    }

    /**
     * Returns the bootable disk of {@code guest}, building it when missing or made from another kernel/initramfs.
     *
     * @param guest    the guest whose bzImage and initramfs go on the disk
     * @param progress receives a line per step when the disk is built
     * @throws GuestImageException naming the failed step (missing tool, tool failure) and the fix
     */
    public GuestDisk ensure(GuestImage guest, Consumer<String> progress) {
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(progress, "progress");
        String wanted = manifestText(guest);
        Path dir = diskDirectory();
        try {
            Files.createDirectories(cacheRoot);
            // One builder at a time across JVMs (parallel test forks); in-JVM callers queue on the class lock.
            synchronized (GuestDiskBuilder.class) {
                try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(".disk.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    Optional<GuestDisk> cached = cached(dir, wanted);
                    if (cached.isPresent()) return cached.get();
                    progress.accept("[guest] building the bootable guest disk into " + dir);
                    build(guest, wanted, progress);
                    return cached(dir, wanted).orElseThrow(() -> new GuestImageException("guest disk",
                            "the guest disk was built but " + dir + " holds no complete " + IMAGE_FILE + " and manifest"));
                }
            }
        } catch (IOException e) {
            throw new GuestImageException("guest disk", "cannot build the guest disk in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The kernel command line on the disk: the demo guest's, with the block probe so a test sees its disks. */
    public static String kernelCommandLine() {
        return GuestImageLocator.kernelCommandLine(List.of("block"));
    }

    private Optional<GuestDisk> cached(Path dir, String wanted) throws IOException {
        Path image = dir.resolve(IMAGE_FILE);
        Path manifest = dir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(image) || !Files.isRegularFile(manifest) || Files.size(manifest) > 64 * 1024) return Optional.empty();
        if (!Files.readString(manifest).equals(wanted)) return Optional.empty();
        return Optional.of(new GuestDisk(image, Files.size(image)));
    }

    private static String manifestText(GuestImage guest) {
        return "disk-version=" + VERSION + "\n"
                + "kernel-sha256=" + GuestImageLocator.sha256(guest.kernel()) + "\n"
                + "initrd-sha256=" + GuestImageLocator.sha256(guest.initrd()) + "\n"
                + "append=" + kernelCommandLine() + "\n";
    }

    private void build(GuestImage guest, String manifest, Consumer<String> progress) throws IOException {
        Path mbrCode = mbrCodeCandidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new GuestImageException("guest disk", "no SYSLINUX MBR boot code (looked at "
                        + mbrCodeCandidates + "); " + SETUP_HINT));
        Path stage = Files.createTempDirectory(cacheRoot, ".disk-build-");
        try {
            long payload = Files.size(guest.kernel()) + Files.size(guest.initrd());
            long partitionBytes = roundUp(payload + SPARE_BYTES, MIB);
            long partitionSectors = partitionBytes / SECTOR;
            Path partition = stage.resolve("partition.img");
            try (FileChannel c = FileChannel.open(partition, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                c.position(partitionBytes - 1).write(ByteBuffer.wrap(new byte[1])); // sparse, partitionBytes long
            }
            Path config = Files.writeString(stage.resolve("syslinux.cfg"), syslinuxConfig(), StandardCharsets.US_ASCII);
            Path kernel = Files.copy(guest.kernel(), stage.resolve("vmlinuz"));
            Path initrd = Files.copy(guest.initrd(), stage.resolve("initrd.img"));

            progress.accept("[guest] formatting a " + partitionBytes / MIB + " MiB FAT16 partition (mformat)");
            // -H: the partition's offset on the disk, which SYSLINUX's boot sector needs to find itself.
            tool(stage, "mformat", "-i", partition.toString(), "-v", "VMSGUEST", "-T", Long.toString(partitionSectors),
                    "-h", "64", "-s", "32", "-H", Long.toString(PARTITION_START_SECTOR), "::");
            progress.accept("[guest] copying the kernel, initramfs and syslinux.cfg (mcopy)");
            tool(stage, "mcopy", "-i", partition.toString(), kernel.toString(), initrd.toString(), config.toString(), "::");
            progress.accept("[guest] installing SYSLINUX (syslinux --install)");
            tool(stage, "syslinux", "--install", partition.toString());

            Path disk = stage.resolve(IMAGE_FILE);
            writeDisk(disk, Files.readAllBytes(mbrCode), partition, partitionSectors);
            Files.delete(partition);
            Files.writeString(stage.resolve(MANIFEST_FILE), manifest);
            for (Path p : List.of(config, kernel, initrd)) Files.delete(p);
            publish(stage, diskDirectory());
            progress.accept("[guest] guest disk ready: " + diskDirectory().resolve(IMAGE_FILE));
        } finally {
            deleteTree(stage);
        }
    }

    static String syslinuxConfig() {
        return "SERIAL 0 115200\n"
                + "DEFAULT vmstation\n"
                + "PROMPT 0\n"
                + "TIMEOUT 0\n"
                + "LABEL vmstation\n"
                + "  KERNEL vmlinuz\n"
                + "  INITRD initrd.img\n"
                + "  APPEND " + kernelCommandLine() + "\n";
    }

    /** Sector 0 (boot code, one bootable FAT16-LBA entry, signature), then the partition at 1 MiB. */
    static void writeDisk(Path disk, byte[] mbrCode, Path partition, long partitionSectors) throws IOException {
        if (mbrCode.length < MBR_CODE_BYTES) {
            throw new GuestImageException("guest disk", "the MBR boot code has " + mbrCode.length + " bytes; expected "
                    + MBR_CODE_BYTES + " (a damaged syslinux-common?); " + SETUP_HINT);
        }
        ByteBuffer mbr = ByteBuffer.allocate((int) SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        mbr.put(mbrCode, 0, MBR_CODE_BYTES);
        mbr.putInt(440, 0x564d5331); // disk signature "1SMV": any fixed non-zero value keeps the image reproducible
        mbr.position(446);
        // status, CHS first (unused: LBA addressing), type 0x0e FAT16 LBA, CHS last (unused), LBA first, sectors
        mbr.put((byte) 0x80).put((byte) 0xfe).put((byte) 0xff).put((byte) 0xff);
        mbr.put((byte) 0x0e).put((byte) 0xfe).put((byte) 0xff).put((byte) 0xff);
        mbr.putInt((int) PARTITION_START_SECTOR).putInt((int) partitionSectors);
        mbr.put(510, (byte) 0x55).put(511, (byte) 0xaa);
        mbr.rewind();
        try (FileChannel out = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannel in = FileChannel.open(partition, StandardOpenOption.READ)) {
            out.write(mbr);
            long at = PARTITION_START_SECTOR * SECTOR;
            long size = in.size();
            for (long done = 0; done < size; ) done += in.transferTo(done, size - done, out.position(at + done));
        }
    }

    private static void tool(Path workDir, String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new GuestImageException("guest disk", "cannot run '" + command[0] + "' to build the guest disk: " + e.getMessage()
                    + "; " + SETUP_HINT, e);
        }
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
            in.transferTo(OutputStream.nullOutputStream());
        }
        try {
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GuestImageException("guest disk", "'" + String.join(" ", command) + "' did not finish within "
                        + TOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GuestImageException("guest disk", "interrupted while building the guest disk", e);
        }
        if (p.exitValue() != 0) {
            throw new GuestImageException("guest disk", "'" + String.join(" ", command) + "' failed with exit status "
                    + p.exitValue() + ": " + output.strip());
        }
    }

    /** Swaps the finished folder in with one rename, so readers see the old complete disk or the new one. */
    private static void publish(Path stage, Path target) throws IOException {
        Path done = Files.createTempDirectory(target.getParent(), ".disk-done-");
        try (Stream<Path> files = Files.list(stage)) {
            for (Path f : files.toList()) Files.move(f, done.resolve(f.getFileName()));
        }
        if (Files.exists(target)) {
            Path old = target.resolveSibling(".disk-old-" + ProcessHandle.current().pid());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        }
        Files.move(done, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) Files.deleteIfExists(p);
        }
    }

    private static long roundUp(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }
}
