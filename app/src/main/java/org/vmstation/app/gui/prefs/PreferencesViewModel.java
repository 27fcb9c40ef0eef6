package org.vmstation.app.gui.prefs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;

/**
 * The Preferences dialog: one property per setting, checked as it changes (paths at once; the QEMU binary by
 * running the capability probe through the executor), saved to the {@link PreferencesStore} and handed to the
 * window to apply. Plain Java: unit-tested with the direct executor.
 */
public final class PreferencesViewModel {
    /** Runs QEMU's capability probe on a binary (null: the one VMStation finds) and says which QEMU it is; throws when it is not usable. */
    @FunctionalInterface
    public interface QemuCheck { String describe(Path binaryOrNull) throws Exception; }

    private final PreferencesStore store;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final QemuCheck qemuCheck;
    private final Preferences original;
    private final StringProperty libraryLocation = new SimpleStringProperty(this, "libraryLocation");
    private final StringProperty defaultVmFolder = new SimpleStringProperty(this, "defaultVmFolder");
    private final StringProperty qemuBinary = new SimpleStringProperty(this, "qemuBinary");
    private final ObjectProperty<HostKey> hostKey = new SimpleObjectProperty<>(this, "hostKey");
    private final ObjectProperty<CloseBehaviour> closeBehaviour = new SimpleObjectProperty<>(this, "closeBehaviour");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ReadOnlyStringWrapper libraryError = new ReadOnlyStringWrapper(this, "libraryError", "");
    private final ReadOnlyStringWrapper openLibrary = new ReadOnlyStringWrapper(this, "openLibrary", "");
    private final ReadOnlyStringWrapper folderError = new ReadOnlyStringWrapper(this, "folderError", "");
    private final ReadOnlyStringWrapper qemuError = new ReadOnlyStringWrapper(this, "qemuError", "");
    private final ReadOnlyStringWrapper qemuInfo = new ReadOnlyStringWrapper(this, "qemuInfo", "");
    private final BooleanProperty qemuChecking = new SimpleBooleanProperty(this, "qemuChecking");
    /** The binary text the last finished check was for; saving needs it to match the field. */
    private String qemuCheckedFor;
    private final BooleanBinding canSave;
    private int checkGeneration;

    public PreferencesViewModel(Preferences current, PreferencesStore store, TaskExecutor executor, NotificationCenter notifications,
                                QemuCheck qemuCheck) {
        this.original = current;
        this.store = store;
        this.executor = executor;
        this.notifications = notifications;
        this.qemuCheck = qemuCheck;
        libraryLocation.set(current.libraryLocation());
        store.openLibrary().ifPresent(l -> openLibrary.set(l.describe()));
        defaultVmFolder.set(current.defaultVmFolder());
        qemuBinary.set(current.qemuBinary());
        hostKey.set(current.hostKey());
        closeBehaviour.set(current.closeBehaviour());
        theme.set(current.theme());
        libraryLocation.addListener((o, a, b) -> libraryError.set(libraryProblem(b)));
        defaultVmFolder.addListener((o, a, b) -> folderError.set(folderProblem(b)));
        qemuBinary.addListener((o, a, b) -> {
            qemuCheckedFor = null;
            qemuInfo.set("");
            qemuError.set(qemuPathProblem(b));
            if (qemuError.get().isEmpty()) qemuInfo.set("Not checked yet: VMStation runs it once to see what it can do.");
        });
        libraryError.set(libraryProblem(libraryLocation.get()));
        folderError.set(folderProblem(defaultVmFolder.get()));
        qemuError.set(qemuPathProblem(qemuBinary.get()));
        // a check of the QEMU already in use (the dialog runs one as it opens) does not hold up saving other changes
        canSave = Bindings.createBooleanBinding(() -> libraryError.get().isEmpty() && folderError.get().isEmpty()
                        && qemuError.get().isEmpty() && !(qemuChecking.get() && qemuChanged()),
                libraryError, folderError, qemuError, qemuChecking, qemuBinary);
    }

    /** Runs the capability probe on the QEMU field's binary off the JavaFX thread; the result lands in qemuInfo/qemuError. */
    public void checkQemu() {
        String text = qemuBinary.get() == null ? "" : qemuBinary.get().strip();
        String pathProblem = qemuPathProblem(text);
        if (!pathProblem.isEmpty()) {
            qemuError.set(pathProblem);
            return;
        }
        int gen = ++checkGeneration;
        qemuChecking.set(true);
        qemuInfo.set("Checking " + (text.isEmpty() ? "the QEMU on PATH" : text) + "…");
        qemuError.set("");
        executor.execute(BackgroundTask.of("Checking QEMU", p -> qemuCheck.describe(text.isEmpty() ? null : Path.of(text)))
                .onSuccess(description -> {
                    if (gen != checkGeneration) return;
                    qemuChecking.set(false);
                    qemuCheckedFor = text;
                    qemuInfo.set(description);
                })
                .onFailure(e -> {
                    if (gen != checkGeneration) return;
                    qemuChecking.set(false);
                    qemuInfo.set("");
                    String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                    qemuError.set("QEMU binary: " + why);
                }));
    }

    private boolean qemuChanged() {
        return !(qemuBinary.get() == null ? "" : qemuBinary.get().strip()).equals(original.qemuBinary());
    }

    /** What the fields say now, as preferences. */
    public Preferences current() {
        return new Preferences(libraryLocation.get(), defaultVmFolder.get(), qemuBinary.get(), hostKey.get(), closeBehaviour.get(), theme.get());
    }

    /**
     * Saves and hands the new preferences to {@code applied} (on the UI thread). A QEMU binary not checked since
     * it was typed is checked first; saving stops when that check fails.
     */
    public void save(Consumer<Preferences> applied) {
        if (!canSave.get()) return;
        String text = qemuBinary.get() == null ? "" : qemuBinary.get().strip();
        boolean qemuChanged = !text.equals(original.qemuBinary());
        if (qemuChanged && !text.equals(qemuCheckedFor)) {
            qemuInfoAfterCheck(() -> save(applied));
            return;
        }
        Preferences prefs = current();
        executor.execute(BackgroundTask.ofRunnable("Saving preferences", () -> store.save(prefs))
                .onSuccess(r -> {
                    applied.accept(prefs);
                    if (needsRestart(prefs)) {
                        notifications.info("Preferences saved", "The library location and QEMU binary take effect the next time VMStation opens.");
                    }
                })
                .onFailure(e -> notifications.error("Could not save the preferences to " + store.file(), e)));
    }

    private void qemuInfoAfterCheck(Runnable then) {
        checkQemu();
        if (qemuChecking.get()) {
            // a real executor: save once the check has finished and passed
            qemuChecking.addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (now) return;
                    qemuChecking.removeListener(this);
                    if (qemuError.get().isEmpty()) then.run();
                }
            });
        } else if (qemuError.get().isEmpty()) {
            then.run();
        }
    }

    /** The library location and QEMU are read when VMStation opens; the rest applies at once. */
    public boolean needsRestart(Preferences saved) {
        return !saved.libraryLocation().equals(original.libraryLocation()) || !saved.qemuBinary().equals(original.qemuBinary());
    }

    static String libraryProblem(String text) {
        if (text == null || text.isBlank()) return "";
        Path p = absolute(text);
        if (p == null) return "Library location: '" + text.strip() + "' is not an absolute path: expected a folder such as /home/me/VMs or a .db file";
        if (Files.isDirectory(p)) return "";
        if (Files.exists(p)) {
            return p.getFileName().toString().endsWith(".db") ? ""
                    : "Library location: " + p + " is a file but not a library: expected a folder or a .db file";
        }
        Path parent = p.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "Library location: the folder " + parent + " does not exist: expected an existing folder to create the library in";
        }
        return "";
    }

    static String folderProblem(String text) {
        if (text == null || text.isBlank()) return "";
        Path p = absolute(text);
        if (p == null) return "Default VM folder: '" + text.strip() + "' is not an absolute path: expected a folder such as /home/me/VMs";
        if (!Files.isDirectory(p)) return "Default VM folder: " + p + " is not an existing folder";
        return "";
    }

    static String qemuPathProblem(String text) {
        if (text == null || text.isBlank()) return "";
        Path p = absolute(text);
        if (p == null) return "QEMU binary: '" + text.strip() + "' is not an absolute path: expected e.g. /usr/bin/qemu-system-x86_64";
        if (!Files.isRegularFile(p)) return "QEMU binary: " + p + " does not exist";
        if (!Files.isExecutable(p)) return "QEMU binary: " + p + " is not executable by this user";
        return "";
    }

    private static Path absolute(String text) {
        try {
            Path p = Path.of(text.strip());
            return p.isAbsolute() ? p.normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    public StringProperty libraryLocationProperty() { return libraryLocation; }
    public StringProperty defaultVmFolderProperty() { return defaultVmFolder; }
    public StringProperty qemuBinaryProperty() { return qemuBinary; }
    public ObjectProperty<HostKey> hostKeyProperty() { return hostKey; }
    public ObjectProperty<CloseBehaviour> closeBehaviourProperty() { return closeBehaviour; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public ReadOnlyStringProperty libraryErrorProperty() { return libraryError.getReadOnlyProperty(); }
    /** Which library is open now and what chose it (the command line, the environment, this preference, the default); empty when not known. */
    public ReadOnlyStringProperty openLibraryProperty() { return openLibrary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty folderErrorProperty() { return folderError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty qemuErrorProperty() { return qemuError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty qemuInfoProperty() { return qemuInfo.getReadOnlyProperty(); }
    public BooleanProperty qemuCheckingProperty() { return qemuChecking; }
    public BooleanBinding canSaveProperty() { return canSave; }
    public PreferencesStore store() { return store; }
}
