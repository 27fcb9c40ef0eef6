package org.vmstation.app.gui.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.ProgressReporter;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.importer.service.ImportOptions;
import org.vmstation.engine.importer.service.ImportPreview;
import org.vmstation.engine.importer.service.ImportResult;
import org.vmstation.engine.importer.service.ImportService;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.storage.CancellationToken;

/**
 * File › Import and files dropped on the window: read each file in the background, show the preview, and run
 * the import in the task panel (with cancel); the new VMs are handed to {@code onImported} to be selected.
 * An installer ISO goes to the New VM wizard instead; a manifest mismatch is asked about, never ignored.
 */
public final class ImportFlow {
    private final Stage owner;
    private final ImportService service;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final Consumer<List<VmEntry>> onImported;
    private final Consumer<VmDefinition> onInstallerIso;
    private ImportPreviewDialog openDialog;

    public ImportFlow(Stage owner, ImportService service, TaskExecutor executor, NotificationCenter notifications,
                      Consumer<List<VmEntry>> onImported, Consumer<VmDefinition> onInstallerIso) {
        this.owner = owner;
        this.service = service;
        this.executor = executor;
        this.notifications = notifications;
        this.onImported = onImported;
        this.onInstallerIso = onInstallerIso;
    }

    /** The file chooser of File › Import. */
    public void choose() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import virtual machines");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Virtual machines", "*.ova", "*.ovf", "*.vmx", "*.vbox", "*.xml", "*.cfg", "*.pvs",
                        "*.plist", "*.conf", "*.qcow2", "*.vmdk", "*.vdi", "*.vhd", "*.vhdx", "*.img", "*.raw", "*.hdd", "*.iso"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = fc.showOpenMultipleDialog(owner);
        if (files != null) importFiles(files.stream().map(File::toPath).toList());
    }

    /** Dropped or chosen files and bundle folders; each gets its own preview. */
    public void importFiles(List<Path> files) {
        for (Path f : files) read(f, false);
    }

    /** The preview on screen, for tests. */
    public ImportPreviewDialog openDialog() { return openDialog; }

    private record Read(ImportPlan plan, ImportPreview preview, String missingDisks) {}

    private void read(Path file, boolean acceptManifestMismatch) {
        executor.execute(BackgroundTask.of("Reading " + file.getFileName(), p -> {
                    ImportPlan plan = ImporterRegistry.standard(acceptManifestMismatch).read(file);
                    if (ImportService.isInstallerIso(plan)) return new Read(plan, null, null);
                    try {
                        return new Read(plan, service.prepare(plan, ImportOptions.defaults()), null);
                    } catch (ImportException missing) {
                        if (!missing.getMessage().contains("Put the disk image where the configuration says")) throw missing;
                        // show what would come without the missing disks and let the user decide
                        ImportPreview without = service.prepare(plan, new ImportOptions(null, true));
                        return new Read(plan, without, missing.getMessage());
                    }
                })
                .onSuccess(r -> {
                    if (r.preview() == null) onInstallerIso.accept(ImportService.wizardDefinition(r.plan()));
                    else showPreview(r.preview(), r.missingDisks());
                })
                .onFailure(e -> {
                    if (!acceptManifestMismatch && e.getMessage() != null && e.getMessage().contains("digest in the manifest")) {
                        askAboutManifest(file, e);
                    } else {
                        notifications.error("Could not import " + file.getFileName(), e,
                                "Nothing was added to the library and the file was not changed.");
                    }
                }));
    }

    private void askAboutManifest(Path file, Exception e) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner);
        alert.setTitle("Import " + file.getFileName());
        alert.setHeaderText("The package does not match its manifest");
        alert.setContentText(e.getMessage() + "\n\nImport it anyway? Only do this if you trust where it came from.");
        ButtonType anyway = new ButtonType("Import anyway", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(anyway, ButtonType.CANCEL);
        alert.getDialogPane().setId("import-manifest-mismatch");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == anyway) read(file, true);
    }

    private void showPreview(ImportPreview preview, String missingDisks) {
        ImportPreviewDialog dialog = new ImportPreviewDialog(owner, preview, missingDisks);
        openDialog = dialog;
        dialog.setOnHidden(e -> {
            if (openDialog == dialog) openDialog = null;
            if (dialog.getResult() == ImportPreviewDialog.IMPORT) run(preview);
        });
        dialog.show();
    }

    private void run(ImportPreview preview) {
        String names = preview.vms().size() == 1 ? "'" + preview.vms().getFirst().definition().name() + "'" : preview.vms().size() + " VMs";
        executor.execute(BackgroundTask.of("Importing " + names, p -> runWithCancel(preview, p))
                .showInTaskPanel()
                .onSuccess(r -> {
                    onImported.accept(r.created());
                    long notes = r.warnings().size();
                    notifications.info("Imported " + names, notes == 0 ? "Everything was mapped exactly."
                            : notes + " item(s) were changed, dropped or noted, as the preview listed.");
                })
                .onFailure(e -> {
                    if (e instanceof CancellationException) notifications.info("Import of " + names + " cancelled", "Nothing was kept.");
                    else notifications.error("Import of " + names + " failed; nothing was kept", e);
                }));
    }

    /** Relays the task panel's cancel button to qemu-img, and its progress to the panel. */
    private ImportResult runWithCancel(ImportPreview preview, ProgressReporter p) throws ImportException {
        CancellationToken token = new CancellationToken();
        Thread watcher = Thread.ofVirtual().start(() -> {
            try {
                while (!token.isCancelled()) {
                    if (p.isCancelled()) token.cancel();
                    Thread.sleep(100);
                }
            } catch (InterruptedException done) {
                // the import finished
            }
        });
        try {
            return service.run(preview, ip -> p.update(ip.fraction(), 1.0, ip.step()), token);
        } finally {
            watcher.interrupt();
        }
    }
}
