package org.vmstation.engine.importer.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.ImportedVm;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.importer.image.IsoImporter;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.HostResources;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.ValidationProblem;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.model.VmValidator;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;

/**
 * Turns an {@link ImportPlan} into VMs in the library: {@link #prepare} decides everything (names, resources,
 * disk files) without writing, {@link #run} converts every disk to qcow2 inside each new VM's folder and adds
 * the rows. All or nothing: a failure or cancel anywhere removes every row, disk and folder the import made.
 */
public final class ImportService {
    /** Guest architectures qemu-system-x86_64 runs. */
    public static final Set<String> RUNNABLE_ARCHITECTURES = Set.of("x86_64", "amd64", "i386", "i486", "i586", "i686", "x86");

    private final VmLibrary library;
    private final ImageConverter converter;
    /** Asked when an import plans its VM, not when the service is made: the window makes one while it opens. */
    private final java.util.function.LongSupplier hostMemoryMiB;
    private final int hostCpus;

    public ImportService(VmLibrary library, QemuImg qemuImg) {
        this(library, new ImageConverter(qemuImg), HostResources::totalMemoryMiB, Runtime.getRuntime().availableProcessors());
    }

    ImportService(VmLibrary library, ImageConverter converter, long hostMemoryMiB, int hostCpus) {
        this(library, converter, () -> hostMemoryMiB, hostCpus);
    }

    private ImportService(VmLibrary library, ImageConverter converter, java.util.function.LongSupplier hostMemoryMiB, int hostCpus) {
        this.library = Objects.requireNonNull(library, "library");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.hostMemoryMiB = hostMemoryMiB;
        this.hostCpus = Math.max(1, hostCpus);
    }

    /** Whether the plan is an installer ISO, which opens the New VM wizard instead of being imported. */
    public static boolean isInstallerIso(ImportPlan plan) {
        return plan.format().equals(new IsoImporter().formatName());
    }

    /** For an installer ISO: the definition the New VM wizard starts from (OS, firmware, the ISO in the drive). */
    public static VmDefinition wizardDefinition(ImportPlan plan) {
        if (!isInstallerIso(plan)) throw new IllegalArgumentException(plan.source() + " is not an installer ISO but " + plan.format());
        return plan.vms().getFirst().definition();
    }

    /** Reads, prepares and runs in one go (the CLI without --dry-run, tests). */
    public ImportResult importFile(Path file, ImportOptions options, Consumer<ImportProgress> progress, CancellationToken cancel)
            throws ImportException {
        return run(prepare(ImporterRegistry.standard().read(file), options), progress, cancel);
    }

    /** Decides what will be created, writing nothing; refusals (architecture, missing disks) are thrown here. */
    public ImportPreview prepare(ImportPlan plan, ImportOptions options) throws ImportException {
        Objects.requireNonNull(plan, "plan");
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        if (isInstallerIso(plan)) {
            throw new ImportException(plan.source(), "is an installer ISO: it is not imported but opens the New VM wizard, "
                    + "which creates a VM that boots it");
        }
        Map<String, String> taken = new HashMap<>();
        for (VmEntry e : library.list()) taken.put(e.name(), e.id());
        List<PreparedVm> out = new ArrayList<>();
        for (ImportedVm vm : plan.vms()) {
            PreparedVm p = prepareOne(plan, vm, opts, taken);
            taken.put(p.definition().name(), p.definition().id());
            out.add(p);
        }
        return new ImportPreview(plan, out, plan.warnings());
    }

    private PreparedVm prepareOne(ImportPlan plan, ImportedVm vm, ImportOptions opts, Map<String, String> taken) throws ImportException {
        VmDefinition source = vm.definition();
        String arch = vm.details().architecture().toLowerCase(Locale.ROOT);
        if (!RUNNABLE_ARCHITECTURES.contains(arch)) {
            throw new ImportException(plan.source(), "VM '" + source.name() + "' is an " + arch + " guest; VMStation runs x86 guests "
                    + "(qemu-system-x86_64), so it cannot run here and is not imported");
        }
        List<ImportWarning> warnings = new ArrayList<>(vm.warnings());
        String id = UUID.randomUUID().toString();
        Path folder = library.vmFolder(id);
        String name = uniqueName(opts.name() != null ? opts.name() : source.name(), taken.keySet(), warnings);

        List<DiskSpec> disks = new ArrayList<>();
        List<SourceDisk> toCopy = new ArrayList<>();
        long bytes = 0;
        for (SourceDisk sd : vm.disks()) {
            StringBuilder why = new StringBuilder();
            Optional<SourceData.Located> data;
            try {
                data = SourceData.locate(sd, why);
            } catch (IOException e) {
                throw new ImportException(plan.source(), "VM '" + source.name() + "': disk " + (sd.diskIndex() + 1) + " ("
                        + sd.sourceDisplayPath() + ") cannot be read: " + e.getMessage(), e);
            }
            if (data.isEmpty()) {
                if (!opts.dropMissingDisks()) {
                    throw new ImportException(plan.source(), "VM '" + source.name() + "': disk " + (sd.diskIndex() + 1) + " cannot be imported: "
                            + why + ". Put the disk image where the configuration says, or import without the missing disks");
                }
                warnings.add(ImportWarning.dropped("disk", "disk " + (sd.diskIndex() + 1) + " dropped because its image is missing: " + why));
                continue;
            }
            DiskSpec original = source.disks().get(sd.diskIndex());
            disks.add(new DiskSpec(sd.targetFileName(), DiskFormat.QCOW2, original.bus(), original.readOnly()));
            toCopy.add(sd);
            bytes += data.get().bytes();
        }

        List<CdromSpec> cdroms = new ArrayList<>();
        for (int i = 0; i < source.cdroms().size(); i++) {
            CdromSpec c = source.cdroms().get(i);
            if (c.isoPath() != null && (c.isoPath().contains("!/") || !Files.isRegularFile(Path.of(c.isoPath())))) {
                warnings.add(ImportWarning.changed("cdrom", "CD/DVD drive " + (i + 1) + ": ISO image '" + c.isoPath()
                        + "' is not available here; the drive is imported empty"));
                cdroms.add(new CdromSpec(null, c.bus()));
            } else {
                cdroms.add(c);
            }
        }

        VmDefinition.Builder b = source.toBuilder().id(id).name(name).disks(disks).cdroms(cdroms);
        int maxCpus = Math.min(VmValidator.MAX_CPUS, hostCpus * 4);
        if (source.cpus() > maxCpus) {
            warnings.add(ImportWarning.changed("cpu", source.cpus() + " CPUs → " + maxCpus + ": this host has " + hostCpus
                    + " CPUs and a VM may have at most four times that"));
            b.cpus(maxCpus);
        }
        if (source.memoryMiB() > hostMemoryMiB.getAsLong()) {
            long fit = Math.max(VmValidator.MIN_MEMORY_MIB, hostMemoryMiB.getAsLong() / 2);
            warnings.add(ImportWarning.changed("memory", source.memoryMiB() + " MiB of memory → " + fit + " MiB: this host has only "
                    + hostMemoryMiB.getAsLong() + " MiB"));
            b.memoryMiB(fit);
        }
        if (source.kernelBoot() != null && !kernelFilesExist(source)) {
            warnings.add(ImportWarning.dropped("boot", "direct kernel boot from '" + source.kernelBoot().kernelPath()
                    + "' dropped: the kernel or initrd file is not here"));
            b.kernelBoot(null);
        }
        VmDefinition draft = b.build();
        if (draft.kernelBoot() == null && draft.disks().isEmpty() && draft.cdroms().stream().allMatch(c -> c.isoPath() == null)
                && !draft.bootOrder().contains(BootDevice.NETWORK)) {
            List<BootDevice> order = new ArrayList<>(draft.bootOrder());
            order.add(BootDevice.NETWORK);
            warnings.add(ImportWarning.changed("boot", "the VM has no disk or ISO to boot from; it boots from the network until one is added"));
            draft = draft.toBuilder().bootOrder(order).build();
        }
        Map<String, String> others = new HashMap<>(taken);
        ValidationContext ctx = new ValidationContext(hostMemoryMiB.getAsLong(), hostCpus, others, folder,
                p -> p.startsWith(folder) || Files.isRegularFile(p));
        List<ValidationProblem> problems = VmValidator.problems(draft, ctx);
        if (!problems.isEmpty()) {
            throw new ImportException(plan.source(), "VM '" + name + "' cannot be imported: "
                    + new VmValidationException(name, problems).getMessage());
        }
        return new PreparedVm(vm, draft, toCopy, warnings, bytes);
    }

    private static boolean kernelFilesExist(VmDefinition vm) {
        var kb = vm.kernelBoot();
        return Files.isRegularFile(Path.of(kb.kernelPath())) && (kb.initrdPath() == null || Files.isRegularFile(Path.of(kb.initrdPath())));
    }

    /** The name, or the name with " (2)", " (3)"... when the library (case-insensitively) already has it. */
    static String uniqueName(String wanted, Set<String> taken, List<ImportWarning> warnings) {
        Set<String> lower = new java.util.HashSet<>();
        for (String t : taken) lower.add(t.toLowerCase(Locale.ROOT));
        if (!lower.contains(wanted.toLowerCase(Locale.ROOT))) return wanted;
        for (int n = 2; ; n++) {
            String suffix = " (" + n + ")";
            String base = wanted.length() + suffix.length() > VmValidator.MAX_NAME_LENGTH
                    ? wanted.substring(0, VmValidator.MAX_NAME_LENGTH - suffix.length()).strip() : wanted;
            String candidate = base + suffix;
            if (!lower.contains(candidate.toLowerCase(Locale.ROOT))) {
                warnings.add(ImportWarning.changed("name", "a VM called '" + wanted + "' is already in the library; imported as '" + candidate + "'"));
                return candidate;
            }
        }
    }

    /**
     * Converts the disks and adds the VMs. On failure or cancel every VM of the preview is rolled back.
     *
     * @throws CancellationException when {@code cancel} was cancelled (nothing is left behind)
     */
    public ImportResult run(ImportPreview preview, Consumer<ImportProgress> progress, CancellationToken cancel) throws ImportException {
        Objects.requireNonNull(preview, "preview");
        CancellationToken token = cancel == null ? CancellationToken.none() : cancel;
        ProgressTracker tracker = new ProgressTracker(progress, preview.bytesToRead(), System::nanoTime);
        Path sourceFile = preview.plan().source();
        List<String> madeFolders = new ArrayList<>();
        List<VmEntry> added = new ArrayList<>();
        try {
            for (PreparedVm vm : preview.vms()) {
                if (token.isCancelled()) throw new CancellationException("import of " + sourceFile + " was cancelled");
                String id = vm.definition().id();
                Path folder = library.vmFolder(id);
                if (Files.exists(folder)) throw new ImportException(sourceFile, "the folder " + folder + " for the new VM already exists; nothing was overwritten");
                Files.createDirectories(folder);
                madeFolders.add(id);
                copyDisks(preview, vm, folder, tracker, token);
                tracker.step("Adding '" + vm.definition().name() + "' to the library");
                added.add(library.add(vm.definition()));
            }
            tracker.step("Imported " + added.size() + " VM" + (added.size() == 1 ? "" : "s"));
            return new ImportResult(added, preview.allWarnings());
        } catch (ImportException | CancellationException e) {
            rollBack(added, madeFolders, e);
            throw e;
        } catch (IOException e) {
            rollBack(added, madeFolders, e);
            throw new ImportException(sourceFile, e.getMessage(), e);
        } catch (VmValidationException | LibraryException e) {
            rollBack(added, madeFolders, e);
            throw new ImportException(sourceFile, "could not be added to the library: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollBack(added, madeFolders, e);
            throw e;
        }
    }

    private void copyDisks(ImportPreview preview, PreparedVm vm, Path folder, ProgressTracker tracker, CancellationToken token)
            throws IOException, ImportException {
        int n = vm.disks().size();
        for (int i = 0; i < n; i++) {
            SourceDisk sd = vm.disks().get(i);
            StringBuilder why = new StringBuilder();
            SourceData.Located data = SourceData.locate(sd, why).orElseThrow(() -> new ImportException(preview.plan().source(),
                    "VM '" + vm.definition().name() + "': disk " + (sd.diskIndex() + 1) + " disappeared before it was copied: " + why));
            String step = "Converting disk " + (i + 1) + " of " + n + " of '" + vm.definition().name() + "'";
            tracker.update(step, data.bytes(), 0);
            Path target = folder.resolve(vm.definition().disks().get(i).path());
            converter.convert(data.source(), target, DiskFormat.QCOW2.qemuName(), List.of(),
                    f -> tracker.update(step, data.bytes(), f), token);
            tracker.diskDone(step, data.bytes());
        }
    }

    /** Removes what this import made: rows first (a folder is only deleted once no row names it), then folders. */
    private void rollBack(List<VmEntry> added, List<String> madeFolders, Throwable failure) {
        for (VmEntry e : added) {
            try {
                library.delete(e.id());
            } catch (LibraryException | RuntimeException x) {
                failure.addSuppressed(x);
            }
        }
        for (String id : madeFolders) {
            try {
                library.deleteFolder(id);
            } catch (LibraryException | RuntimeException x) {
                failure.addSuppressed(x);
            }
        }
    }
}
