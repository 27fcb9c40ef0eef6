package org.vmstation.app.gui.settings;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.graphics.gl.GlCapabilities;
import org.vmstation.graphics.gl.ModeAvailability;
import org.vmstation.graphics.gl.ThreeDModeResolver;

/**
 * The 3-D part of a VM's display settings: what this host offers (the graphics module's probe, run off the
 * JavaFX thread), each mode with the reason it is unavailable, and what the chosen Off/Auto/On setting will
 * give at the next start.
 */
public final class ThreeDProbeViewModel {
    /** One line of the mode table. */
    public record ModeRow(String mode, boolean available, String explanation) {}

    private final ReadOnlyObjectWrapper<GlCapabilities> capabilities = new ReadOnlyObjectWrapper<>(this, "capabilities");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Probing what 3-D this host offers…");
    private final StringBinding outcome;

    public ThreeDProbeViewModel(ObservableValue<DisplaySpec.Adapter> adapter, ObjectProperty<DisplaySpec.Acceleration3d> setting) {
        outcome = Bindings.createStringBinding(() -> {
            GlCapabilities caps = capabilities.get();
            if (caps == null || adapter.getValue() == null || setting.get() == null) return "";
            return "At the next start: " + ThreeDModeResolver.resolve(new DisplaySpec(adapter.getValue(), setting.get()), caps).explanation() + ".";
        }, capabilities, adapter, setting);
    }

    /** Runs {@code probe} through the executor; the result (or why it failed) lands in the properties. */
    public void load(TaskExecutor executor, Callable<GlCapabilities> probe) {
        executor.execute(BackgroundTask.of("Probing 3-D support", p -> probe.call())
                .onSuccess(caps -> {
                    capabilities.set(caps);
                    status.set("");
                })
                .onFailure(e -> status.set("Could not probe 3-D support: " + e.getMessage())));
    }

    /** The mode table: embedded, separate window, off; each available or not, and why. */
    public List<ModeRow> modes() {
        GlCapabilities caps = capabilities.get();
        if (caps == null) return List.of();
        return caps.modes().stream().map((ModeAvailability a) -> new ModeRow(a.mode().label(), a.available(), a.explanation())).toList();
    }

    /** The probe's facts (devices, virgl features, GL displays, render nodes, desktop), one per line. */
    public List<String> facts() {
        GlCapabilities caps = capabilities.get();
        return caps == null ? List.of() : caps.describe().stream().filter(l -> !l.startsWith("mode ")).toList();
    }

    /** The probe of this host for the QEMU at {@code qemuOrNull} (null: the one on PATH or in VMSTATION_QEMU). */
    public static Callable<GlCapabilities> thisHost(java.nio.file.Path qemuOrNull) {
        return () -> org.vmstation.graphics.gl.GlCapabilityProbe.forThisHost().capabilities(org.vmstation.engine.qemu.CapabilityProbe.probe(
                org.vmstation.engine.qemu.QemuBinaryLocator.forThisHost().locateSystem(qemuOrNull)));
    }

    public ReadOnlyObjectProperty<GlCapabilities> capabilitiesProperty() { return capabilities.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** What the setting will give here, e.g. "At the next start: Auto chose separate window, ...". */
    public StringBinding outcomeProperty() { return outcome; }
}
