package org.vmstation.app.gui.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel.DiskChoice;
import org.vmstation.app.gui.wizard.OsChoice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.ValidationProblem;

/** The New VM wizard: five pages on the left rail, live validation at the bottom, Create on the last page. */
public final class NewVmWizard extends Dialog<ButtonType> {
    public static final ButtonType BACK = new ButtonType("Back", ButtonBar.ButtonData.BACK_PREVIOUS);
    public static final ButtonType NEXT = new ButtonType("Next", ButtonBar.ButtonData.NEXT_FORWARD);
    public static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.FINISH);
    private static final List<String> STEPS = List.of("Name and OS", "Memory and CPUs", "Disk", "Network", "Advanced");

    private final NewVmWizardViewModel vm;
    private final List<Node> pages;
    private final VBox steps = new VBox();
    private final BorderPane body = new BorderPane();
    private int page;

    public NewVmWizard(Window owner, NewVmWizardViewModel vm, Runnable onCreateRequested) {
        this.vm = vm;
        initOwner(owner);
        setTitle("New virtual machine");
        setHeaderText("Create a virtual machine");
        setResizable(true);
        DefinitionForm form = vm.form();
        pages = List.of(systemPage(form), hardwarePage(form), diskPage(form), networkPage(form), advancedPage(form));

        steps.getStyleClass().add("wizard-steps");
        for (int i = 0; i < STEPS.size(); i++) {
            Label l = new Label((i + 1) + "  " + STEPS.get(i));
            l.getStyleClass().add("wizard-step");
            l.setMaxWidth(Double.MAX_VALUE);
            steps.getChildren().add(l);
        }
        Label problems = new Label();
        problems.getStyleClass().add("field-error");
        problems.setWrapText(true);
        problems.setId("wizard-problems");
        problems.textProperty().bind(Bindings.createStringBinding(() -> {
            List<String> all = new java.util.ArrayList<>(form.problems().stream().map(DefinitionForm::sentence).toList());
            if (!vm.newDiskProblem().isEmpty()) all.add(vm.newDiskProblem());
            return String.join("\n", all);
        }, form.problems(), vm.newDiskGiBProperty(), vm.diskChoiceProperty()));
        problems.setMinHeight(36);
        body.setLeft(steps);
        body.setBottom(problems);
        body.setPrefSize(720, 470);
        getDialogPane().setContent(body);
        getDialogPane().getButtonTypes().setAll(BACK, NEXT, CREATE, ButtonType.CANCEL);
        getDialogPane().getStylesheets().setAll(owner == null ? List.of() : owner.getScene().getStylesheets());
        getDialogPane().setId("new-vm-wizard");

        Button back = (Button) getDialogPane().lookupButton(BACK);
        Button next = (Button) getDialogPane().lookupButton(NEXT);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        back.addEventFilter(ActionEvent.ACTION, e -> { e.consume(); show(page - 1); });
        next.addEventFilter(ActionEvent.ACTION, e -> { e.consume(); show(page + 1); });
        create.setId("wizard-create");
        next.setId("wizard-next");
        create.disableProperty().bind(vm.canFinishProperty().not());
        create.addEventFilter(ActionEvent.ACTION, e -> {
            // stay open until the VM exists; the caller closes the wizard from the success callback
            e.consume();
            onCreateRequested.run();
        });
        show(0);
    }

    private void show(int index) {
        page = Math.max(0, Math.min(pages.size() - 1, index));
        body.setCenter(pages.get(page));
        for (int i = 0; i < steps.getChildren().size(); i++) {
            steps.getChildren().get(i).getStyleClass().remove("current");
            if (i == page) steps.getChildren().get(i).getStyleClass().add("current");
        }
        getDialogPane().lookupButton(BACK).setDisable(page == 0);
        getDialogPane().lookupButton(NEXT).setDisable(page == pages.size() - 1);
        // Enter goes to the next page, and on the last page creates the VM (a disabled Next must not stay the default)
        ((Button) getDialogPane().lookupButton(NEXT)).setDefaultButton(page < pages.size() - 1);
        ((Button) getDialogPane().lookupButton(CREATE)).setDefaultButton(page == pages.size() - 1);
    }

    public int currentPage() { return page; }

    public void showPage(int index) { show(index); }

    private Node systemPage(DefinitionForm form) {
        FormGrid g = new FormGrid();
        TextField name = new TextField();
        name.textProperty().bindBidirectional(form.nameProperty());
        name.setId("wizard-name");
        // a new user types the name first: the suggested one is selected, so typing replaces it
        setOnShown(e -> javafx.application.Platform.runLater(() -> { name.requestFocus(); name.selectAll(); }));
        g.field("Name", name);
        g.error(form, "name");
        // the same search field as the library's (magnifier, clear button, Escape clears)
        TextField osSearch = Controls.searchField("Search name, version, vendor", "wizard-os-search",
                "Search operating systems");
        osSearch.textProperty().bindBidirectional(vm.osSearchProperty());
        ListView<OsChoice> osList = new ListView<>(vm.visibleOs());
        osList.getStyleClass().add("os-list");
        osList.setId("wizard-os-list");
        osList.setAccessibleText("Operating system");
        osList.setPrefHeight(180);
        osList.setCellFactory(l -> new OsCell());
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(vm.osLoadingProperty()).then("Loading the operating systems...")
                .otherwise(Bindings.concat("No operating system matches '", vm.osSearchProperty(), "'")));
        osList.setPlaceholder(empty);
        osList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> { if (b != null) vm.osProperty().set(b); });
        Runnable showChosen = () -> {
            OsChoice chosen = vm.osProperty().get();
            if (chosen != null && osList.getSelectionModel().getSelectedItem() != chosen && osList.getItems().contains(chosen)) {
                osList.getSelectionModel().select(chosen);
                // after the list has laid out its new items, or the scroll is lost
                javafx.application.Platform.runLater(() -> osList.scrollTo(Math.max(0, osList.getItems().indexOf(chosen) - 2)));
            }
        };
        vm.osProperty().addListener((o, a, b) -> showChosen.run());
        vm.visibleOs().addListener((javafx.collections.ListChangeListener<OsChoice>) c -> showChosen.run());
        showChosen.run();
        Label note = note(vm.osNoteProperty(), "wizard-os-note");
        Label defaults = note(vm.osDefaultsProperty(), "wizard-os-defaults");
        g.field("Operating system", new VBox(6, osSearch, osList, defaults, note));
        g.field("Installer ISO", Controls.pathField(form.isoPathProperty(), "wizard-iso", "Optional: an installer image",
                "Choose an installer ISO", f -> vm.chooseIso(f.toPath()),
                new FileChooser.ExtensionFilter("Disc images", "*.iso", "*.img"), new FileChooser.ExtensionFilter("All files", "*")));
        g.error(form, "cdroms");
        g.full(note(vm.isoDetectionProperty(), "wizard-iso-detection"));
        g.hint("An ISO's volume id picks its operating system.");
        return g;
    }

    /** A wrapped, muted line that disappears while its text is empty. */
    private static Label note(javafx.beans.value.ObservableStringValue text, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("field-hint");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap, never cut with an ellipsis
        l.setId(id);
        l.visibleProperty().bind(Bindings.isNotEmpty(l.textProperty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** An OS with its vendor and release year (the list is grouped by vendor); releases past their end of life and prereleases greyed. */
    private static final class OsCell extends javafx.scene.control.ListCell<OsChoice> {
        @Override
        protected void updateItem(OsChoice item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setStyle("");
                setAccessibleText(null);
                return;
            }
            String status = item.endOfLife() ? " (end of life)" : item.prerelease() ? " (prerelease)" : "";
            setText(item.label() + status);
            Label where = new Label(item.group() + (item.releaseDate() == null ? "" : " · " + item.releaseDate().getYear()));
            where.textFillProperty().bind(textFillProperty()); // readable on the selected row's accent too
            where.setOpacity(0.7);
            setGraphic(where);
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            setGraphicTextGap(12);
            setStyle(item.deEmphasised() ? "-fx-opacity: 0.55;" : "");
            setAccessibleText(item.label() + status + ", " + item.group() + (item.releaseDate() == null ? "" : ", " + item.releaseDate().getYear()));
            setPrefWidth(0); // long names are cut with an ellipsis instead of growing a horizontal scroll bar
        }
    }

    private Node hardwarePage(DefinitionForm form) {
        FormGrid g = new FormGrid();
        g.field("Memory", Controls.slider(form.memoryMiBProperty(), 128, (int) Math.min(Integer.MAX_VALUE, vm.maxMemoryMiB()), "MiB", "wizard-memory"));
        g.error(form, "memoryMiB");
        g.hint("This host has " + vm.maxMemoryMiB() + " MiB of RAM.");
        g.field("Processors", Controls.slider(form.cpusProperty(), 1, vm.maxCpus(), "CPUs", "wizard-cpus"));
        g.error(form, "cpus");
        ChoiceBox<Firmware> fw = new ChoiceBox<>();
        fw.getItems().setAll(Firmware.values());
        fw.valueProperty().bindBidirectional(form.firmwareProperty());
        g.field("Firmware", fw);
        g.hint("UEFI for current Windows and most Linux installers; BIOS for older systems.");
        return g;
    }

    private Node diskPage(DefinitionForm form) {
        FormGrid g = new FormGrid();
        ToggleGroup group = new ToggleGroup();
        RadioButton fresh = new RadioButton("Create a new disk");
        RadioButton existing = new RadioButton("Use an existing disk image");
        RadioButton none = new RadioButton("No disk");
        fresh.setUserData(DiskChoice.NEW);
        existing.setUserData(DiskChoice.EXISTING);
        none.setUserData(DiskChoice.NONE);
        for (RadioButton r : List.of(fresh, existing, none)) r.setToggleGroup(group);
        group.selectToggle(fresh);
        group.selectedToggleProperty().addListener((o, a, b) -> { if (b != null) vm.diskChoiceProperty().set((DiskChoice) b.getUserData()); });
        g.full(fresh);
        HBox size = Controls.slider(vm.newDiskGiBProperty(), 1, 2048, "GiB", "wizard-disk-size");
        size.disableProperty().bind(fresh.selectedProperty().not());
        g.field("Size", size);
        g.hint("qcow2: the file grows as the guest writes, up to this size.");
        g.full(existing);
        HBox path = Controls.pathField(vm.existingDiskPathProperty(), "wizard-existing-disk", "A qcow2 image", "Choose a disk image", null,
                new FileChooser.ExtensionFilter("qcow2 images", "*.qcow2"), new FileChooser.ExtensionFilter("All files", "*"));
        path.disableProperty().bind(existing.selectedProperty().not());
        g.field("Image", path);
        g.full(none);
        ChoiceBox<DiskBus> bus = new ChoiceBox<>();
        bus.getItems().setAll(DiskBus.VIRTIO, DiskBus.SATA, DiskBus.SCSI, DiskBus.NVME, DiskBus.IDE);
        bus.valueProperty().bindBidirectional(vm.diskBusProperty());
        bus.setId("wizard-disk-bus");
        bus.setAccessibleText("Disk bus");
        bus.disableProperty().bind(none.selectedProperty());
        g.field("Disk bus", bus);
        g.hint("VIRTIO is fastest where the OS has the driver (osinfo says which); SATA for the rest.");
        g.error(form, "disks");
        return g;
    }

    private Node networkPage(DefinitionForm form) {
        FormGrid g = new FormGrid();
        ChoiceBox<NetworkSpec.Mode> mode = new ChoiceBox<>();
        mode.getItems().setAll(NetworkSpec.Mode.values());
        mode.valueProperty().bindBidirectional(form.networkModeProperty());
        g.field("Network", mode);
        ChoiceBox<String> nic = new ChoiceBox<>();
        nic.getItems().setAll("virtio-net-pci", "e1000e", "e1000", "rtl8139");
        nic.valueProperty().bindBidirectional(vm.nicModelProperty());
        nic.setId("wizard-nic-model");
        nic.setAccessibleText("Network card");
        nic.disableProperty().bind(mode.valueProperty().isNotEqualTo(NetworkSpec.Mode.NAT));
        g.field("Network card", nic);
        g.hint("NAT: the guest reaches the network through this computer. NONE: no network card.");
        TextField forwards = new TextField();
        forwards.textProperty().bindBidirectional(form.forwardsProperty());
        forwards.setPromptText("e.g. tcp:2222:22, tcp:8080:80");
        forwards.disableProperty().bind(mode.valueProperty().isNotEqualTo(NetworkSpec.Mode.NAT));
        forwards.setId("wizard-forwards");
        g.field("Port forwards", forwards);
        g.error(form, "network");
        return g;
    }

    private Node advancedPage(DefinitionForm form) {
        FormGrid g = new FormGrid();
        CheckBox direct = new CheckBox("Boot a Linux kernel directly (no boot loader)");
        direct.setSelected(form.bootSourceProperty().get() == DefinitionForm.BootSource.KERNEL);
        direct.selectedProperty().addListener((o, a, b) -> form.bootSourceProperty().set(b ? DefinitionForm.BootSource.KERNEL : DefinitionForm.BootSource.DISK_OR_ISO));
        direct.setId("wizard-direct-kernel");
        g.full(direct);
        HBox kernel = Controls.pathField(form.kernelPathProperty(), "wizard-kernel", "vmlinuz", "Choose a kernel", null);
        HBox initrd = Controls.pathField(form.initrdPathProperty(), "wizard-initrd", "Optional initrd / initramfs", "Choose an initrd", null);
        TextField cmdline = new TextField();
        cmdline.textProperty().bindBidirectional(form.kernelCommandLineProperty());
        cmdline.setPromptText("console=ttyS0 quiet");
        cmdline.setId("wizard-cmdline");
        for (Node n : List.of(kernel, initrd, cmdline)) n.disableProperty().bind(direct.selectedProperty().not());
        g.field("Kernel", kernel);
        g.error(form, "kernelBoot.kernelPath");
        g.field("Initrd", initrd);
        g.error(form, "kernelBoot.initrdPath");
        g.field("Command line", cmdline);
        CheckBox serial = new CheckBox("Serial console (kept in the serial log)");
        serial.selectedProperty().bindBidirectional(form.serialConsoleProperty());
        g.full(serial);
        return g;
    }

    static HBox grow(Node n) {
        HBox.setHgrow(n, Priority.ALWAYS);
        return new HBox(n);
    }

    static String join(List<ValidationProblem> p) { return String.join("\n", p.stream().map(DefinitionForm::sentence).toList()); }
}
