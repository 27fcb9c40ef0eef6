package org.vmstation.app.gui.wizard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.DiskImages;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * The New VM wizard: the OS, chosen from the osinfo database (searchable) or detected from an installer ISO, fills
 * in memory, CPUs, disk size, firmware, disk bus and network card; the user adjusts; finishing creates the VM's
 * folder and disk in the background and adds it to the library. The OS list loads in the background; what is
 * asked of it before then (an ISO to detect, an OS type to select) waits for it.
 */
public final class NewVmWizardViewModel {
    public enum DiskChoice { NEW, EXISTING, NONE }

    /** The new disk's file name inside the VM's folder. */
    public static final String NEW_DISK_NAME = "disk.qcow2";
    private static final long GIB = 1024L * 1024 * 1024;
    private static final java.util.regex.Pattern ISO_NAME = java.util.regex.Pattern.compile("(?i).+\\.(iso|img)");

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
    private final ObjectProperty<OsChoice> os = new SimpleObjectProperty<>(this, "os");
    private final ObservableList<OsChoice> visibleOs = FXCollections.observableArrayList();
    private final StringProperty osSearch = new SimpleStringProperty(this, "osSearch", "");
    private final StringProperty osNote = new SimpleStringProperty(this, "osNote", "Loading the operating systems...");
    private final BooleanProperty osLoading = new SimpleBooleanProperty(this, "osLoading", true);
    private final StringProperty isoDetection = new SimpleStringProperty(this, "isoDetection", "");
    private final ObjectProperty<DiskBus> diskBus = new SimpleObjectProperty<>(this, "diskBus", DiskBus.VIRTIO);
    private final StringProperty nicModel = new SimpleStringProperty(this, "nicModel", "virtio-net-pci");
    private final StringProperty osDefaults = new SimpleStringProperty(this, "osDefaults", "");
    private final List<Consumer<OsChoices>> waitingForOs = new ArrayList<>();
    private OsChoices choices;
    private final ObjectProperty<DiskChoice> diskChoice = new SimpleObjectProperty<>(this, "diskChoice", DiskChoice.NEW);
    private final IntegerProperty newDiskGiB = new SimpleIntegerProperty(this, "newDiskGiB", 8);
    private final StringProperty existingDiskPath = new SimpleStringProperty(this, "existingDiskPath", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanBinding canFinish;

    /** The wizard over the installed osinfo database (the presets when it is missing). */
    public NewVmWizardViewModel(VmCatalog catalog, DiskImages disks, TaskExecutor executor, NotificationCenter notifications,
                                OsPresets presets, List<VmDefinition> existing, long hostMemoryMiB, int hostCpus) {
        this(catalog, disks, executor, notifications, presets, () -> OsChoices.system(presets), existing, hostMemoryMiB, hostCpus);
    }

    /** @param osSource builds the OS list; called once, in a background task */
    public NewVmWizardViewModel(VmCatalog catalog, DiskImages disks, TaskExecutor executor, NotificationCenter notifications,
                                OsPresets presets, Supplier<OsChoices> osSource, List<VmDefinition> existing,
                                long hostMemoryMiB, int hostCpus) {
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
        os.addListener((o, old, c) -> applyOs(c));
        preset.addListener((o, old, p) -> selectOsType(p));
        osSearch.addListener((o, old, text) -> refilter());
        diskBus.addListener(x -> form.revalidate());
        form.isoPathProperty().addListener((o, old, path) -> detectIso(path));
        diskChoice.addListener(x -> form.revalidate());
        newDiskGiB.addListener(x -> form.revalidate());
        existingDiskPath.addListener(x -> form.revalidate());
        canFinish = Bindings.createBooleanBinding(() -> form.isValid() && !busy.get() && newDiskProblem().isEmpty(),
                form.problems(), busy, newDiskGiB, diskChoice);
        // usable at once with the generic preset; the OS list replaces it when it has loaded
        applyOs(OsChoice.fromPreset(presets.forOsType("linux")));
        executor.execute(BackgroundTask.of("Loading the operating system list", p -> osSource.get())
                .onSuccess(this::osLoaded)
                .onFailure(e -> osLoaded(OsChoices.fromPresets(presets, "The operating system list could not be loaded ("
                        + e.getMessage() + ")"))));
    }

    private void osLoaded(OsChoices loaded) {
        choices = loaded;
        osLoading.set(false);
        osNote.set(loaded.note());
        refilter();
        if (os.get() == null) os.set(loaded.forOsType(form.osTypeProperty().get()));
        List<Consumer<OsChoices>> waiting = List.copyOf(waitingForOs);
        waitingForOs.clear();
        waiting.forEach(w -> w.accept(loaded));
    }

    private void whenOsLoaded(Consumer<OsChoices> action) {
        if (choices != null) action.accept(choices); else waitingForOs.add(action);
    }

    private void refilter() {
        if (choices == null) return;
        List<OsChoice> found = choices.search(osSearch.get());
        if (!found.equals(visibleOs)) visibleOs.setAll(found);
    }

    private static String suggestName(List<VmDefinition> existing) {
        for (int i = 1; ; i++) {
            String candidate = "New VM " + i;
            if (existing.stream().noneMatch(d -> d.name().equalsIgnoreCase(candidate))) return candidate;
        }
    }

    /** An OS's defaults, bounded by the host. */
    private void applyOs(OsChoice c) {
        if (c == null) return;
        form.osTypeProperty().set(c.osType());
        form.memoryMiBProperty().set((int) Math.min(c.memoryMiB(), maxMemoryMiB()));
        form.cpusProperty().set(Math.min(c.cpus(), maxCpus()));
        form.firmwareProperty().set(c.firmware());
        newDiskGiB.set(c.diskGiB());
        diskBus.set(c.diskBus());
        nicModel.set(c.nicModel());
        osDefaults.set("Defaults for " + c.label() + ": " + c.summary());
        OsPreset p = presets.byId(c.osType()).orElse(null);
        if (p != null) preset.set(p);
        form.revalidate();
    }

    /** A preset (an OS type) chosen from outside, e.g. an imported ISO's: its newest supported release. */
    private void selectOsType(OsPreset p) {
        if (p == null || os.get() != null && os.get().osType().equalsIgnoreCase(p.id())) return;
        whenOsLoaded(c -> {
            if (os.get() == null || !os.get().osType().equalsIgnoreCase(p.id())) os.set(c.forOsType(p.id()));
        });
    }

    /**
     * Picking an installer image detects its OS from the ISO's volume id (through the osinfo database) and selects
     * it; {@link #isoDetectionProperty()} says what was found and how. A path typed or pasted into the field is
     * detected the same way once it ends in .iso or .img.
     */
    public void chooseIso(Path iso) {
        if (iso.toString().equals(form.isoPathProperty().get())) detectIso(iso.toString());
        else form.isoPathProperty().set(iso.toString());
    }

    private void detectIso(String text) {
        String path = text == null ? "" : text.strip();
        if (!ISO_NAME.matcher(path).matches()) {
            isoDetection.set("");
            return;
        }
        Path iso = Path.of(path);
        isoDetection.set("Looking at " + iso.getFileName() + "...");
        whenOsLoaded(c -> executor.execute(BackgroundTask.of("Detecting the OS of " + iso.getFileName(), p -> c.detect(iso))
                .onSuccess(d -> {
                    if (!path.equals(form.isoPathProperty().get().strip())) return; // another ISO was chosen meanwhile
                    d.choice().ifPresent(choice -> {
                        os.set(choice);
                        if (!visibleOs.contains(choice)) osSearch.set(""); // so the list shows what was detected
                    });
                    isoDetection.set(d.message());
                })
                .onFailure(e -> isoDetection.set("Could not detect the OS of " + iso.getFileName() + ": " + e.getMessage()))));
    }

    private List<DiskSpec> plannedDisks() {
        return switch (diskChoice.get()) {
            case NEW -> List.of(new DiskSpec(NEW_DISK_NAME, DiskFormat.QCOW2, diskBus.get(), false));
            case EXISTING -> existingDiskPath.get().isBlank() ? List.of()
                    : List.of(new DiskSpec(existingDiskPath.get().strip(), DiskFormat.QCOW2, diskBus.get(), false));
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
        VmDefinition formed = form.toDefinition();
        NetworkSpec net = formed.network();
        VmDefinition networked = formed.toBuilder()
                .network(new NetworkSpec(net.mode(), nicModel.get(), net.macAddress(), net.forwards())).build();
        // the exact OS chosen (Debian 11) is kept beside the OS type (debian) that the rest of VMStation keys on
        VmDefinition draft = os.get() == null || !os.get().osType().equalsIgnoreCase(networked.osType()) ? networked
                : OsIdentity.record(networked, os.get());
        DiskBus bus = diskBus.get();
        DiskChoice choice = diskChoice.get();
        long sizeBytes = newDiskGiB.get() * GIB;
        busy.set(true);
        executor.execute(BackgroundTask.of("Creating " + draft.name(), progress -> {
                    Path folder = catalog.vmFolder(draft.id());
                    VmDefinition def = draft;
                    Path disk = folder.resolve(NEW_DISK_NAME);
                    if (choice == DiskChoice.NEW) {
                        progress.update(0, 1, "Creating a " + (sizeBytes / GIB) + " GiB disk");
                        def = draft.toBuilder().disks(List.of(new DiskSpec(disk.toString(), DiskFormat.QCOW2, bus, false))).build();
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
    /** The OS type as a preset; setting it selects that type's newest supported release. */
    public ObjectProperty<OsPreset> presetProperty() { return preset; }
    /** The chosen OS; null only until the OS list has loaded. */
    public ObjectProperty<OsChoice> osProperty() { return os; }
    /** The OS list filtered by {@link #osSearchProperty()}, in display order; empty until loaded. */
    public ObservableList<OsChoice> visibleOs() { return visibleOs; }
    public StringProperty osSearchProperty() { return osSearch; }
    /** Why the list is not the full osinfo database (missing, partly unreadable), or that it is loading; else empty. */
    public StringProperty osNoteProperty() { return osNote; }
    public BooleanProperty osLoadingProperty() { return osLoading; }
    /** What choosing the installer ISO found, e.g. "Detected Debian 11 from the ISO's volume id '...'". */
    public StringProperty isoDetectionProperty() { return isoDetection; }
    /** The chosen OS's defaults in one line. */
    public StringProperty osDefaultsProperty() { return osDefaults; }
    public ObjectProperty<DiskBus> diskBusProperty() { return diskBus; }
    public StringProperty nicModelProperty() { return nicModel; }
    /** The loaded OS list, or null while it loads. */
    public OsChoices osChoices() { return choices; }
    public ObjectProperty<DiskChoice> diskChoiceProperty() { return diskChoice; }
    public IntegerProperty newDiskGiBProperty() { return newDiskGiB; }
    public StringProperty existingDiskPathProperty() { return existingDiskPath; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanBinding canFinishProperty() { return canFinish; }
    public StringProperty nameProperty() { return form.nameProperty(); }
}
