package org.vmstation.app.gui.view;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.importer.service.ImportPreview;
import org.vmstation.engine.importer.service.PreparedVm;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

/**
 * What an import will create, before anything is written: per VM the hardware mapping (source → VMStation)
 * and the report of everything changed, dropped or noted, then the file's own notes. Import or Cancel.
 */
public final class ImportPreviewDialog extends Dialog<ButtonType> {
    public static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);

    public ImportPreviewDialog(Stage owner, ImportPreview preview, String missingDisks) {
        initOwner(owner);
        int n = preview.vms().size();
        setTitle("Import " + preview.plan().source().getFileName());
        setHeaderText(n == 1 ? "Import VM '" + preview.vms().getFirst().definition().name() + "'?"
                : "Import " + n + " VMs from " + preview.plan().source().getFileName() + "?");
        VBox body = new VBox(12);
        body.setPadding(new Insets(4));
        body.setId("import-report");
        Label format = new Label(preview.plan().source() + " — " + preview.plan().format());
        format.setWrapText(true);
        body.getChildren().add(format);
        if (missingDisks != null) {
            Label missing = new Label("Some disk images are missing; the VM is imported without them. " + missingDisks);
            missing.setWrapText(true);
            missing.getStyleClass().add("import-missing");
            missing.setId("import-missing");
            body.getChildren().add(missing);
        }
        for (PreparedVm vm : preview.vms()) body.getChildren().add(vmSection(vm));
        if (!preview.warnings().isEmpty()) {
            body.getChildren().add(heading("File"));
            body.getChildren().add(report(preview.warnings()));
        }
        if (preview.bytesToRead() > 0) {
            body.getChildren().add(new Label("Disk data to convert to qcow2: " + human(preview.bytesToRead())));
        }
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(440);
        scroll.setPrefViewportWidth(640);
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().setAll(IMPORT, ButtonType.CANCEL);
        getDialogPane().lookupButton(IMPORT).setId("import-confirm");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("import-cancel");
        getDialogPane().setId("import-preview");
        if (owner.getScene() != null) getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        setResizable(true);
    }

    private static VBox vmSection(PreparedVm vm) {
        VmDefinition d = vm.definition();
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        int row = 0;
        row = row(grid, row, "Source", vm.source().details().sourceFormat());
        row = row(grid, row, "Operating system", d.osType() + (vm.source().details().sourceOsId().isEmpty() ? "" : "  (source: " + vm.source().details().sourceOsId() + ")"));
        row = row(grid, row, "Firmware", d.firmware() + ", machine " + d.machineType());
        row = row(grid, row, "CPUs", Integer.toString(d.cpus()));
        row = row(grid, row, "Memory", d.memoryMiB() + " MiB");
        for (int i = 0; i < vm.disks().size(); i++) {
            SourceDisk sd = vm.disks().get(i);
            DiskSpec ds = d.disks().get(i);
            String from = sd.member() != null ? sd.member().entryName() : sd.file().getFileName().toString();
            row = row(grid, row, "Disk " + (i + 1), from + " (" + sd.format().qemuName() + ")  →  " + ds.path()
                    + " (qcow2, " + ds.bus().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (vm.disks().isEmpty()) row = row(grid, row, "Disks", "none");
        for (int i = 0; i < d.cdroms().size(); i++) {
            CdromSpec c = d.cdroms().get(i);
            row = row(grid, row, "CD/DVD " + (i + 1), (c.isoPath() == null ? "empty" : c.isoPath()) + " (" + c.bus().name().toLowerCase(Locale.ROOT) + ")");
        }
        NetworkSpec net = d.network();
        row = row(grid, row, "Network", net.mode() == NetworkSpec.Mode.NONE ? "none"
                : "NAT, " + net.model() + (net.macAddress() == null ? "" : ", MAC " + net.macAddress()));
        for (PortForward f : net.forwards()) {
            row = row(grid, row, "Port forward", f.protocol().name().toLowerCase(Locale.ROOT) + " "
                    + f.hostAddress() + ":" + f.hostPort() + "  →  guest port " + f.guestPort());
        }
        row(grid, row, "Boot order", d.bootOrder().toString());
        VBox box = new VBox(6, heading("VM '" + d.name() + "'"), grid);
        if (!vm.warnings().isEmpty()) box.getChildren().add(report(vm.warnings()));
        return box;
    }

    private static int row(GridPane grid, int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("form-label");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        return l;
    }

    private static VBox report(List<ImportWarning> warnings) {
        VBox box = new VBox(3);
        for (ImportWarning w : warnings) {
            String kind = switch (w.kind()) {
                case CHANGED -> "Changed";
                case DROPPED -> "Dropped";
                case INFO -> "Note";
            };
            Label l = new Label(kind + " — " + w.subject() + ": " + w.message());
            l.setWrapText(true);
            l.getStyleClass().add("import-" + kind.toLowerCase(Locale.ROOT));
            // colours come from the theme (.import-dropped, .import-changed), so they read in light and dark
            box.getChildren().add(l);
        }
        return box;
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
