package org.vmstation.app.gui.form;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.Observable;
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
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.ValidationProblem;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * The editable fields of a VM definition, shared by the New VM wizard and the Settings dialog. Every change
 * re-runs the engine's {@link VmValidator} so problems show while the user types; the form itself adds only the
 * parse errors of text it owns (the port-forward list).
 */
public final class DefinitionForm {
    public enum BootSource { DISK_OR_ISO, KERNEL }

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty osType = new SimpleStringProperty(this, "osType", "other");
    private final IntegerProperty memoryMiB = new SimpleIntegerProperty(this, "memoryMiB", 1024);
    private final IntegerProperty cpus = new SimpleIntegerProperty(this, "cpus", 1);
    private final ObjectProperty<Firmware> firmware = new SimpleObjectProperty<>(this, "firmware", Firmware.BIOS);
    private final StringProperty isoPath = new SimpleStringProperty(this, "isoPath", "");
    private final ObjectProperty<BootSource> bootSource = new SimpleObjectProperty<>(this, "bootSource", BootSource.DISK_OR_ISO);
    private final StringProperty kernelPath = new SimpleStringProperty(this, "kernelPath", "");
    private final StringProperty initrdPath = new SimpleStringProperty(this, "initrdPath", "");
    private final StringProperty kernelCommandLine = new SimpleStringProperty(this, "kernelCommandLine", "");
    private final ObjectProperty<NetworkSpec.Mode> networkMode = new SimpleObjectProperty<>(this, "networkMode", NetworkSpec.Mode.NAT);
    private final StringProperty forwards = new SimpleStringProperty(this, "forwards", "");
    private final ObjectProperty<DisplaySpec.Adapter> displayAdapter = new SimpleObjectProperty<>(this, "displayAdapter", DisplaySpec.Adapter.VIRTIO_VGA);
    private final ObjectProperty<DisplaySpec.Acceleration3d> acceleration3d = new SimpleObjectProperty<>(this, "acceleration3d", DisplaySpec.Acceleration3d.OFF);
    private final BooleanProperty serialConsole = new SimpleBooleanProperty(this, "serialConsole", true);
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final ObservableList<ValidationProblem> problems = FXCollections.observableArrayList();
    private final BooleanBinding valid = Bindings.isEmpty(problems);

    private VmDefinition base;
    private Supplier<ValidationContext> context;
    private Supplier<List<DiskSpec>> disks = List::of;
    private boolean loading;

    public DefinitionForm(VmDefinition base, Supplier<ValidationContext> context) {
        this.base = base;
        this.context = context;
        load(base);
        for (Observable o : fields()) o.addListener(x -> revalidate());
        revalidate();
    }

    private List<Observable> fields() {
        return Arrays.asList(name, osType, memoryMiB, cpus, firmware, isoPath, bootSource, kernelPath, initrdPath,
                kernelCommandLine, networkMode, forwards, displayAdapter, acceleration3d, serialConsole, tags, notes);
    }

    /** Replaces every field with the definition's values. */
    public void load(VmDefinition d) {
        loading = true;
        try {
            base = d;
            name.set(d.name());
            osType.set(d.osType());
            memoryMiB.set((int) Math.min(Integer.MAX_VALUE, d.memoryMiB()));
            cpus.set(d.cpus());
            firmware.set(d.firmware());
            isoPath.set(d.cdroms().stream().map(CdromSpec::isoPath).filter(p -> p != null).findFirst().orElse(""));
            bootSource.set(d.kernelBoot() == null ? BootSource.DISK_OR_ISO : BootSource.KERNEL);
            kernelPath.set(d.kernelBoot() == null ? "" : d.kernelBoot().kernelPath());
            initrdPath.set(d.kernelBoot() == null || d.kernelBoot().initrdPath() == null ? "" : d.kernelBoot().initrdPath());
            kernelCommandLine.set(d.kernelBoot() == null ? "" : d.kernelBoot().commandLine());
            networkMode.set(d.network().mode());
            forwards.set(String.join(", ", d.network().forwards().stream().map(PortForward::toString).toList()));
            displayAdapter.set(d.display().adapter());
            acceleration3d.set(d.display().acceleration3d());
            serialConsole.set(d.serialConsole());
            tags.set(String.join(", ", d.tags()));
            notes.set(d.notes());
        } finally {
            loading = false;
        }
        revalidate();
    }

    /** The wizard supplies the disks it will create; settings keep the VM's own. */
    public void setDisks(Supplier<List<DiskSpec>> disks) { this.disks = disks; revalidate(); }

    public void setContext(Supplier<ValidationContext> context) { this.context = context; revalidate(); }

    /** The definition the fields describe now (may be invalid: see {@link #problems()}). */
    public VmDefinition toDefinition() {
        List<String> forwardErrors = new ArrayList<>();
        List<PortForward> fwd = parseForwards(forwards.get(), forwardErrors);
        VmDefinition.Builder b = base.toBuilder()
                .name(name.get().strip())
                .osType(osType.get())
                .memoryMiB(memoryMiB.get())
                .cpus(cpus.get())
                .firmware(firmware.get())
                .network(new NetworkSpec(networkMode.get(), base.network().model(), base.network().macAddress(),
                        networkMode.get() == NetworkSpec.Mode.NAT ? fwd : List.of()))
                .display(new DisplaySpec(displayAdapter.get(), acceleration3d.get()))
                .serialConsole(serialConsole.get())
                .tags(splitTags(tags.get()))
                .notes(notes.get());
        List<DiskSpec> d = disks.get();
        b.disks(d.isEmpty() ? base.disks() : d);
        String iso = isoPath.get().strip();
        b.cdroms(iso.isEmpty() ? List.of() : List.of(CdromSpec.of(iso)));
        if (bootSource.get() == BootSource.KERNEL) {
            String initrd = initrdPath.get().strip();
            b.kernelBoot(new KernelBoot(kernelPath.get().strip(), initrd.isEmpty() ? null : initrd, kernelCommandLine.get()));
        } else {
            b.kernelBoot(null);
        }
        return b.build();
    }

    public static List<String> splitTags(String text) {
        if (text == null || text.isBlank()) return List.of();
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static List<PortForward> parseForwards(String text, List<String> errors) {
        List<PortForward> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) continue;
            try {
                out.add(PortForward.parse(part.strip()));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return out;
    }

    public void revalidate() {
        if (loading || context == null) return;
        List<ValidationProblem> found = new ArrayList<>();
        List<String> forwardErrors = new ArrayList<>();
        parseForwards(forwards.get(), forwardErrors);
        for (String e : forwardErrors) found.add(new ValidationProblem("network.forwards", forwards.get(), e));
        found.addAll(VmValidator.problems(toDefinition(), context.get()));
        if (!found.equals(problems)) problems.setAll(found);
    }

    /** The first problem whose field starts with {@code prefix}, as a sentence; empty when the field is fine. */
    public String messageFor(String prefix) {
        return problems.stream().filter(p -> p.field().startsWith(prefix)).map(DefinitionForm::sentence).findFirst().orElse("");
    }

    /** A problem as the form shows it: the field in words, what was found and what is expected. */
    public static String sentence(ValidationProblem p) {
        return FieldLabels.label(p.field()) + ": expected " + p.expected() + (p.value().isEmpty() ? "" : " (is '" + p.value() + "')");
    }

    public ObservableList<ValidationProblem> problems() { return problems; }
    public BooleanBinding validProperty() { return valid; }
    public boolean isValid() { return problems.isEmpty(); }
    public VmDefinition base() { return base; }

    public StringProperty nameProperty() { return name; }
    public StringProperty osTypeProperty() { return osType; }
    public IntegerProperty memoryMiBProperty() { return memoryMiB; }
    public IntegerProperty cpusProperty() { return cpus; }
    public ObjectProperty<Firmware> firmwareProperty() { return firmware; }
    public StringProperty isoPathProperty() { return isoPath; }
    public ObjectProperty<BootSource> bootSourceProperty() { return bootSource; }
    public StringProperty kernelPathProperty() { return kernelPath; }
    public StringProperty initrdPathProperty() { return initrdPath; }
    public StringProperty kernelCommandLineProperty() { return kernelCommandLine; }
    public ObjectProperty<NetworkSpec.Mode> networkModeProperty() { return networkMode; }
    public StringProperty forwardsProperty() { return forwards; }
    public ObjectProperty<DisplaySpec.Adapter> displayAdapterProperty() { return displayAdapter; }
    /** 3-D acceleration: Off, Auto or On (see the graphics module's ThreeDModeResolver). */
    public ObjectProperty<DisplaySpec.Acceleration3d> acceleration3dProperty() { return acceleration3d; }
    public BooleanProperty serialConsoleProperty() { return serialConsole; }
    public StringProperty tagsProperty() { return tags; }
    public StringProperty notesProperty() { return notes; }
}
