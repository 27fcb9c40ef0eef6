package org.vmstation.app.gui.settings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * Editing an existing VM. Hardware (memory, CPUs, firmware, boot, network, display) cannot change while the VM
 * runs: those fields are locked then, with the reason, and unlock as soon as the VM stops.
 */
public final class SettingsViewModel {
    public static final String LOCK_REASON = "Shut down the VM to change its hardware";

    private final VmItem vm;
    private final VmCatalog catalog;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final Map<String, String> otherNames = new HashMap<>();
    private final Path vmFolder;
    private final DefinitionForm form;
    private final BooleanBinding hardwareLocked;
    private final BooleanProperty saving = new SimpleBooleanProperty(this, "saving");
    private final BooleanBinding canSave;
    private final ThreeDProbeViewModel threeD;

    public SettingsViewModel(VmItem vm, List<VmDefinition> library, Path vmFolder, VmCatalog catalog, TaskExecutor executor,
                             NotificationCenter notifications) {
        this.vm = vm;
        this.catalog = catalog;
        this.executor = executor;
        this.notifications = notifications;
        this.vmFolder = vmFolder;
        for (VmDefinition d : library) if (!d.id().equals(vm.id())) otherNames.put(d.name(), d.id());
        form = new DefinitionForm(vm.definition(), this::context);
        hardwareLocked = Bindings.createBooleanBinding(() -> vm.state().isActive(), vm.stateProperty());
        canSave = Bindings.createBooleanBinding(() -> form.isValid() && !saving.get(), form.problems(), saving);
        threeD = new ThreeDProbeViewModel(form.displayAdapterProperty(), form.acceleration3dProperty());
    }

    private ValidationContext context() { return ValidationContext.localHost(otherNames, vmFolder); }

    public StringBinding lockReasonProperty() {
        return Bindings.createStringBinding(() -> hardwareLocked.get() ? LOCK_REASON : "", hardwareLocked);
    }

    /**
     * Saves the edits. A running VM keeps its current hardware in the stored definition whatever the locked
     * fields say, so a race with a start can never change hardware under a running guest.
     */
    public void save(Consumer<VmDefinition> onSaved) {
        if (!canSave.get()) return;
        VmDefinition edited = form.toDefinition();
        if (hardwareLocked.get()) {
            VmDefinition current = vm.definition();
            edited = current.toBuilder().name(edited.name()).tags(edited.tags()).notes(edited.notes()).build();
        }
        VmDefinition toSave = org.vmstation.engine.osinfo.RecordedOs.afterEdit(vm.definition(), edited);
        saving.set(true);
        executor.execute(BackgroundTask.ofRunnable("Saving " + toSave.name(), () -> {
                    VmValidator.validate(toSave, context());
                    catalog.update(toSave);
                })
                .onSuccess(r -> onSaved.accept(toSave))
                .onFailure(e -> notifications.error("Could not save the settings of " + vm.name(), e))
                .onFinally(() -> saving.set(false)));
    }

    public DefinitionForm form() { return form; }
    public BooleanBinding hardwareLockedProperty() { return hardwareLocked; }
    public BooleanBinding canSaveProperty() { return canSave; }
    public VmItem vm() { return vm; }

    /** Under the OS type: the exact OS the wizard recorded (see {@link org.vmstation.app.gui.wizard.OsIdentity}), or empty. */
    public javafx.beans.binding.StringBinding exactOsProperty() {
        return Bindings.createStringBinding(() -> org.vmstation.app.gui.wizard.OsIdentity.describe(vm.definition(),
                form.osTypeProperty().get()), form.osTypeProperty());
    }
    /** The display page's 3-D probe and what the Off/Auto/On choice gives on this host. */
    public ThreeDProbeViewModel threeD() { return threeD; }
}
