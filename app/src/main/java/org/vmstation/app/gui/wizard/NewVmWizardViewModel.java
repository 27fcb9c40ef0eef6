package org.vmstation.app.gui.wizard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.DiskImages;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * The New VM wizard: an OS preset fills in memory, CPUs, disk size and firmware; the user adjusts; finishing
 * creates the VM's folder and disk in the background and adds it to the library.
 */
public final class NewVmWizardViewModel {
    public enum DiskChoice { NEW, EXISTING, NONE }

    /** The new disk's file name inside the VM's folder. */
    public static final String NEW_DISK_NAME = "disk.qcow2";
    private static final long GIB = 1024L * 1024 * 1024;

    private final VmCatalog catalog;
    private final DiskImages disks;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final OsPresets presets;
    private final long hostMemoryMiB;
    private final int hostCpus;
    private final Map<String, String> otherNames;
    private final DefinitionForm form;
    private final ObjectProperty<OsPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ObjectProperty<DiskChoice> diskChoice = new SimpleObjectProperty<>(this, "diskChoice", DiskChoice.NEW);
    private final IntegerProperty newDiskGiB = new SimpleIntegerProperty(this, "newDiskGiB", 8);
    private final StringProperty existingDiskPath = new SimpleStringProperty(this, "existingDiskPath", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanBinding canFinish;

    public NewVmWizardViewModel(VmCatalog catalog, DiskImages disks, TaskExecutor executor, NotificationCenter notifications,
                                OsPresets presets, List<VmDefinition> existing, long hostMemoryMiB, int hostCpus) {
        this.catalog = catalog;
        this.disks = disks;
        this.executor = executor;
        this.notifications = notifications;
        this.presets = presets;
        this.hostMemoryMiB = hostMemoryMiB;
        this.hostCpus = hostCpus;
        this.otherNames = new HashMap<>();
        for (VmDefinition d : existing) otherNames.put(d.name(), d.id());
        form = new DefinitionForm(VmDefinition.builder(suggestName(existing)).build(), null);
        form.setDisks(this::plannedDisks);
        form.setContext(this::validationContext);
        preset.addListener((o, old, p) -> applyPreset(p));
        diskChoice.addListener(x -> form.revalidate());
        newDiskGiB.addListener(x -> form.revalidate());
        existingDiskPath.addListener(x -> form.revalidate());
        canFinish = Bindings.createBooleanBinding(() -> form.isValid() && !busy.get() && newDiskProblem().isEmpty(),
                form.problems(), busy, newDiskGiB, diskChoice);
        preset.set(presets.forOsType("linux"));
    }

    private static String suggestName(List<VmDefinition> existing) {
        for (int i = 1; ; i++) {
            String candidate = "New VM " + i;
            if (existing.stream().noneMatch(d -> d.name().equalsIgnoreCase(candidate))) return candidate;
        }
    }

    private void applyPreset(OsPreset p) {
        if (p == null) return;
        form.osTypeProperty().set(p.id());
        form.memoryMiBProperty().set((int) Math.min(p.memoryMiB(), maxMemoryMiB()));
        form.cpusProperty().set(Math.min(p.cpus(), maxCpus()));
        form.firmwareProperty().set(p.firmware());
        newDiskGiB.set(p.diskGiB());
    }

    /** Picking an installer image also guesses its OS from the file name. */
    public void chooseIso(Path iso) {
        form.isoPathProperty().set(iso.toString());
        presets.detectFromIso(iso.getFileName().toString()).ifPresent(preset::set);
    }

    private List<DiskSpec> plannedDisks() {
        return switch (diskChoice.get()) {
            case NEW -> List.of(DiskSpec.qcow2(NEW_DISK_NAME));
            case EXISTING -> existingDiskPath.get().isBlank() ? List.of() : List.of(DiskSpec.qcow2(existingDiskPath.get().strip()));
            case NONE -> List.of();
        };
    }

    /** The disk to be created does not exist yet; every other file must. */
    private ValidationContext validationContext() {
        return new ValidationContext(hostMemoryMiB, hostCpus, otherNames, null,
                p -> p.toString().equals(NEW_DISK_NAME) && diskChoice.get() == DiskChoice.NEW || Files.isRegularFile(p));
    }

    /** The new disk's size problem, empty when fine. */
    public String newDiskProblem() {
        if (diskChoice.get() != DiskChoice.NEW) return "";
        return newDiskGiB.get() < 1 || newDiskGiB.get() > 16 * 1024 ? "Disk size: expected 1 to 16384 GiB (is " + newDiskGiB.get() + " GiB)" : "";
    }

    public long maxMemoryMiB() { return hostMemoryMiB; }
    public int maxCpus() { return hostCpus; }

    /**
     * Creates the VM: its folder, then the disk (with progress, cancellable), then the library entry. If any step
     * fails, what was made so far is removed so the library and the folder stay consistent.
     */
    public void finish(Consumer<VmEntry> onCreated) {
        if (!canFinish.get()) return;
        VmDefinition draft = form.toDefinition();
        DiskChoice choice = diskChoice.get();
        long sizeBytes = newDiskGiB.get() * GIB;
        busy.set(true);
        executor.execute(BackgroundTask.of("Creating " + draft.name(), progress -> {
                    Path folder = catalog.vmFolder(draft.id());
                    VmDefinition def = draft;
                    Path disk = folder.resolve(NEW_DISK_NAME);
                    if (choice == DiskChoice.NEW) {
                        progress.update(0, 1, "Creating a " + (sizeBytes / GIB) + " GiB disk");
                        def = draft.toBuilder().disks(List.of(DiskSpec.qcow2(disk.toString()))).build();
                        disks.createQcow2(disk, sizeBytes, progress);
                    }
                    try {
                        progress.checkCancelled();
                        VmValidator.validate(def, ValidationContext.localHost(otherNames, folder));
                        progress.update(0.9, 1, "Adding to the library");
                        return catalog.add(def);
                    } catch (Exception e) {
                        if (choice == DiskChoice.NEW) Files.deleteIfExists(disk);
                        throw e;
                    }
                })
                .showInTaskPanel()
                .onSuccess(onCreated)
                .onFailure(e -> notifications.error("Could not create " + draft.name(), e))
                .onFinally(() -> busy.set(false)));
    }

    public DefinitionForm form() { return form; }
    public OsPresets presets() { return presets; }
    public ObjectProperty<OsPreset> presetProperty() { return preset; }
    public ObjectProperty<DiskChoice> diskChoiceProperty() { return diskChoice; }
    public IntegerProperty newDiskGiBProperty() { return newDiskGiB; }
    public StringProperty existingDiskPathProperty() { return existingDiskPath; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanBinding canFinishProperty() { return canFinish; }
    public StringProperty nameProperty() { return form.nameProperty(); }
}
