package org.vmstation.app.gui.view;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.vmstation.app.gui.actions.VmAction;
import org.vmstation.app.gui.actions.VmActionsViewModel;
import org.vmstation.app.gui.details.DetailsViewModel;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.DiskImages;
import org.vmstation.app.gui.service.StateMonitor;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.settings.SettingsViewModel;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel;
import org.vmstation.app.gui.wizard.OsPresets;
import org.vmstation.engine.model.HostResources;
import org.vmstation.engine.runtime.VmHost;

/**
 * The workstation window: menus and toolbar over the library (left) and the selected VM's details (right),
 * with tasks and counts in the status bar and notifications in the corner.
 */
public final class MainWindow {
    public static final String STYLESHEET = "/org/vmstation/resources/css/workstation.css";

    private final Stage stage;
    private final VmCatalog catalog;
    private final VmHost host;
    private final DiskImages disks;
    private final TaskExecutor executor;
    /**
     * The OS presets, asked for where used rather than held: they are read once per process (Jackson), and the
     * launcher reads them while this window is built, so building it does not wait for them.
     */
    private static OsPresets presets() { return OsPresets.bundled(); }
    private final NotificationCenter notifications = new NotificationCenter();
    private final LibraryViewModel library;
    private final VmActionsViewModel actions;
    private final DetailsViewModel details;
    private final LibraryView libraryView;
    private final DetailsView detailsView;
    private final StateMonitor monitor;
    /** Runs the follow-host and scenario power sources of running VMs while the window is open. */
    private final org.vmstation.app.gui.power.PowerSourceRunner power;
    private final org.vmstation.app.gui.power.PowerPanelViewModel powerPanel;
    private final LiveThumbnails thumbnails;
    private final Map<VmAction, Button> toolbarButtons = new EnumMap<>(VmAction.class);
    private NewVmWizard openWizard;
    /** Machine › USB devices; shown once {@link #enableUsb} gives the window a USB service. */
    private final MenuItem usbMenuItem = new MenuItem("_USB devices…");
    private org.vmstation.app.gui.usb.UsbViewModel usb;
    private final javafx.beans.property.BooleanProperty usbEnabled = new javafx.beans.property.SimpleBooleanProperty(false);
    private ImportFlow importFlow;
    private final javafx.beans.property.BooleanProperty importEnabled = new javafx.beans.property.SimpleBooleanProperty(false);
    private final javafx.scene.control.Label dropHint = new javafx.scene.control.Label();
    private org.vmstation.app.gui.prefs.PreferencesStore preferencesStore = org.vmstation.app.gui.prefs.PreferencesStore.forCurrentUser();
    private final org.vmstation.app.gui.prefs.AppliedPreferences preferences =
            new org.vmstation.app.gui.prefs.AppliedPreferences(org.vmstation.app.gui.prefs.Preferences.DEFAULTS);
    /** What waits for the first frame with the library in it ({@link #afterFirstFrame}); null once run. */
    private List<Runnable> afterFirstFrame = new java.util.ArrayList<>();
    private boolean disposed;
    /** Pages other features add to Edit › Preferences (e.g. power policy), made fresh for each opening. */
    private final List<java.util.function.Supplier<javafx.scene.control.Tab>> preferenceTabs = new java.util.ArrayList<>();

    public MainWindow(Stage stage, VmCatalog catalog, VmHost host, DiskImages disks, TaskExecutor executor, ConsoleProvider consoles) {
        this.stage = stage;
        this.catalog = catalog;
        this.host = host;
        this.disks = disks;
        this.executor = executor;
        executor.monitor().setDefaultFailureHandler(f -> notifications.error(f.taskTitle() + " failed", f.error()));
        library = new LibraryViewModel(catalog, executor);
        actions = new VmActionsViewModel(host, catalog, executor, library, notifications);
        actions.setShutdownPrompt(this::offerPowerOff);
        details = new DetailsViewModel(catalog, disks, executor, notifications, id -> presets().forOsType(id).label(), library::replace);
        thumbnails = new LiveThumbnails(host, executor::runOnUiThread);
        libraryView = new LibraryView(library, MainWindow::presets, thumbnails, this::newVm);
        detailsView = new DetailsView(details, MainWindow::presets, host, consoles, executor, notifications);
        power = org.vmstation.app.gui.power.PowerSourceRunner.forWindow(host::paths);
        powerPanel = new org.vmstation.app.gui.power.PowerPanelViewModel(host, catalog, executor, power, library::replace);
        // the Power tab is made with the rest of the details, on the first selection (not for the first frame)
        detailsView.whenBuilt(() -> PowerPanel.addTo(detailsView, powerPanel, details.vmProperty()));

        var selection = libraryView.list().getSelectionModel().getSelectedItems();
        selection.addListener((ListChangeListener<VmItem>) c -> {
            actions.selection().setAll(List.copyOf(selection));
            details.vmProperty().set(selection.size() == 1 ? selection.getFirst() : null);
        });

        SplitPane split = new SplitPane(libraryView, detailsView);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(libraryView, false);
        // notifications float over the library and details only, so they never cover the status bar's tasks
        StackPane centre = new StackPane(split, new NotificationsView(notifications));
        BorderPane main = new BorderPane(centre);
        main.setTop(new VBox(menuBar(), toolBar()));
        main.setBottom(new StatusBar(executor.monitor(), library, host.displayName()));
        dropHint.setId("drop-hint");
        dropHint.setVisible(false);
        dropHint.setMouseTransparent(true);
        dropHint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        dropHint.setAlignment(javafx.geometry.Pos.CENTER);
        dropHint.setWrapText(true);
        dropHint.setStyle("-fx-background-color: rgba(40,110,220,0.18); -fx-border-color: #286edc; -fx-border-width: 3;"
                + " -fx-border-style: segments(12, 8); -fx-font-size: 1.6em; -fx-text-fill: #1c4f9c; -fx-padding: 40;");
        StackPane root = new StackPane(main, dropHint);
        installDropTarget(root);
        Scene scene = new Scene(root, 1180, 760);
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("VMStation");
        stage.setMinWidth(820);
        stage.setMinHeight(520);
        followTheme();
        detailsView.useHostKey(preferences.currentProperty());
        detailsView.useStartOutcomes(actions.startOutcomes());

        monitor = new StateMonitor(catalog, host, executor::runOnUiThread, library::merge, status -> {
            library.apply(status);
            VmItem item = library.find(status.vmId());
            if (item != null) power.observe(item.definition(), status.state().isActive());
        });
    }

    /** Shows the window, reads the library and starts following VM states. */
    public void show() {
        show(null);
    }

    /**
     * Shows the window with the library's rows from the read the launcher started while the window was built
     * ({@link LibraryViewModel#loadFirst}): in the first frame when that read has finished; then follows VM states.
     */
    public void show(java.util.concurrent.CompletableFuture<LibraryViewModel.Prepared> readAhead) {
        library.loadFirst(readAhead);
        afterFirstFrame(libraryView::addTooltips);
        stage.show();
        // the first frame shows the states the library recorded; the host's live states follow from the first poll,
        // which would otherwise read and report the whole library again while the window draws its rows
        afterFirstFrame(() -> monitor.start(Duration.ofSeconds(1)));
        afterFirstFrame(() -> thumbnails.start(Duration.ofSeconds(2)));
        runAfterFirstFrame();
    }

    /**
     * Runs {@code work} once the window has drawn its first frame with the library's rows (or two seconds after
     * it showed, if the library is slow or fails): for what the first frame does not show (tooltips, thumbnails,
     * the power policy), so a start does not pay for it before the user sees the window. Now if that has passed.
     */
    public void afterFirstFrame(Runnable work) {
        if (disposed) return;
        if (afterFirstFrame == null) work.run();
        else afterFirstFrame.add(work);
    }

    private void runAfterFirstFrame() {
        // no timer that runs every frame while the library is read: it would make the toolkit pulse all that time
        javafx.beans.value.ChangeListener<Boolean> onLoaded = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                if (!is) return;
                library.loadedProperty().removeListener(this);
                // a pulse lays out the frame with the rows and the next one waits for its rendering: two pulses on,
                // they are on the screen
                new javafx.animation.AnimationTimer() {
                    private int pulses;

                    @Override
                    public void handle(long now) {
                        if (++pulses < 2) return;
                        stop();
                        drainAfterFirstFrame();
                    }
                }.start();
            }
        };
        library.loadedProperty().addListener(onLoaded);
        // a library that is slow or cannot be read does not hold the rest back for long
        java.util.concurrent.CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
                .execute(() -> javafx.application.Platform.runLater(this::drainAfterFirstFrame));
    }

    private void drainAfterFirstFrame() {
        List<Runnable> work = afterFirstFrame;
        // a window closed before its first frame starts nothing (its monitor and timers are shut down already)
        if (work == null || disposed) return;
        afterFirstFrame = null;
        work.forEach(Runnable::run);
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem newVm = item("_New VM…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newVm);
        newVm.setId("menu-new");
        MenuItem quit = item("_Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        MenuItem importVm = item("_Import…", new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), this::importVm);
        importVm.setId("menu-import");
        importVm.disableProperty().bind(importEnabled.not());
        file.getItems().addAll(newVm, importVm, new SeparatorMenuItem(), quit);

        Menu machine = new Menu("_Machine");
        machine.getItems().addAll(
                actionItem(VmAction.START, new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN)),
                actionItem(VmAction.PAUSE, new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN)),
                actionItem(VmAction.RESUME, new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
                actionItem(VmAction.SHUT_DOWN, new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN)),
                actionItem(VmAction.POWER_OFF, new KeyCodeCombination(KeyCode.F4, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
                actionItem(VmAction.RESET, new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
                new SeparatorMenuItem(),
                actionItem(VmAction.SETTINGS, new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN)),
                actionItem(VmAction.DELETE, new KeyCodeCombination(KeyCode.DELETE)));
        SeparatorMenuItem usbSeparator = new SeparatorMenuItem();
        usbMenuItem.visibleProperty().bind(usbEnabled);
        usbMenuItem.setId("menu-usb");
        // set up front: an accelerator added after the menu bar is built is not registered with the scene
        usbMenuItem.setAccelerator(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN));
        usbMenuItem.setOnAction(e -> { if (usb != null) new UsbDialog(stage, usb).show(); });
        usbMenuItem.disableProperty().bind(usbEnabled.not().or(details.vmProperty().isNull()));
        usbSeparator.visibleProperty().bind(usbMenuItem.visibleProperty());
        machine.getItems().addAll(usbSeparator, usbMenuItem);

        Menu view = new Menu("_View");
        MenuItem search = item("_Search", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> libraryView.searchField().requestFocus());
        MenuItem console = item("_Console", new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), detailsView::selectConsoleTab);
        MenuItem detach = item("_Detach console", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), () -> detailsView.detachConsole(false));
        MenuItem full = item("_Full screen console", new KeyCodeCombination(KeyCode.F11), () -> detailsView.detachConsole(true));
        view.getItems().addAll(search, console, detach, full);
        Menu edit = new Menu("_Edit");
        MenuItem prefs = item("_Preferences…", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), this::openPreferences);
        prefs.setId("menu-preferences");
        edit.getItems().add(prefs);
        MenuBar bar = new MenuBar(file, edit, machine, view);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        mi.setAccelerator(accelerator);
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private MenuItem actionItem(VmAction action, KeyCombination accelerator) {
        MenuItem mi = item(action.label() + (action == VmAction.SETTINGS || action == VmAction.DELETE ? "…" : ""), accelerator, () -> run(action));
        mi.disableProperty().bind(actions.enabledProperty(action).not());
        mi.setId("menu-" + action.name().toLowerCase(java.util.Locale.ROOT));
        return mi;
    }

    private ToolBar toolBar() {
        Button newVm = new Button("New", Icons.icon(Icons.NEW));
        newVm.getStyleClass().add("primary");
        newVm.setOnAction(e -> newVm());
        afterFirstFrame(() -> newVm.setTooltip(new Tooltip("Create a virtual machine (Ctrl+N)")));
        newVm.setId("tool-new");
        Button importVm = new Button("Import", Icons.icon(Icons.IMPORT));
        importVm.setOnAction(e -> importVm());
        afterFirstFrame(() -> importVm.setTooltip(new Tooltip("Import VMs made elsewhere: OVA/OVF, .vmx, .vbox, libvirt, Xen, Parallels,"
                + " UTM, disk images (Ctrl+I). You can also drop files on the window.")));
        importVm.setId("tool-import");
        importVm.disableProperty().bind(importEnabled.not());
        ToolBar bar = new ToolBar(newVm, importVm, new javafx.scene.control.Separator(),
                toolButton(VmAction.START, Icons.START, "start"), toolButton(VmAction.PAUSE, Icons.PAUSE, null),
                toolButton(VmAction.RESUME, Icons.RESUME, null), toolButton(VmAction.SHUT_DOWN, Icons.SHUT_DOWN, null),
                toolButton(VmAction.POWER_OFF, Icons.POWER_OFF, null), toolButton(VmAction.RESET, Icons.RESET, null),
                new javafx.scene.control.Separator(),
                toolButton(VmAction.SETTINGS, Icons.SETTINGS, null), toolButton(VmAction.DELETE, Icons.DELETE, "danger"));
        bar.setId("tool-bar");
        return bar;
    }

    private Button toolButton(VmAction action, String icon, String style) {
        Button b = new Button(action.label(), Icons.icon(icon));
        if (style != null) b.getStyleClass().add(style);
        b.disableProperty().bind(actions.enabledProperty(action).not());
        b.setOnAction(e -> run(action));
        afterFirstFrame(() -> {
            // a tooltip is a popup window with its own controls: made after the first frame, not for it
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(javafx.beans.binding.Bindings.when(actions.enabledProperty(action))
                    .then(action.label()).otherwise(actions.disabledReasonProperty(action)));
            b.setTooltip(tip);
        });
        b.setId("tool-" + action.name().toLowerCase(java.util.Locale.ROOT));
        b.setAccessibleText(action.label());
        toolbarButtons.put(action, b);
        return b;
    }

    /** Selects {@code vm} and starts it (or just shows its console when it runs already), as a second launch asks. */
    public void startVm(VmItem vm) {
        libraryView.list().getSelectionModel().clearSelection();
        libraryView.list().getSelectionModel().select(vm);
        libraryView.list().scrollTo(vm);
        if (actions.isEnabled(VmAction.START)) run(VmAction.START);
        else detailsView.selectConsoleTab();
    }

    private void run(VmAction action) {
        switch (action) {
            case SETTINGS -> openSettings();
            case DELETE -> confirmDelete();
            default -> {
                boolean startingOne = action == VmAction.START && actions.selection().size() == 1;
                actions.perform(action);
                // like a VM window opening: the console shows the boot and takes the keyboard once connected
                if (startingOne) detailsView.selectConsoleTab();
            }
        }
    }

    // --- import ----------------------------------------------------------------------------------------------

    /** Turns on File › Import, the toolbar button and dropping files on the window. */
    public void enableImport(org.vmstation.engine.importer.service.ImportService service) {
        importFlow = new ImportFlow(stage, service, executor, notifications, this::showImported, this::newVmFrom);
        importEnabled.set(true);
    }

    private void importVm() {
        if (importFlow != null) importFlow.choose();
    }

    /** Files dragged over the window are shown as an import target; dropping them starts the import previews. */
    private void installDropTarget(StackPane root) {
        root.setOnDragOver(e -> {
            if (importFlow != null && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
                List<java.io.File> files = e.getDragboard().getFiles();
                dropHint.setText(files.size() == 1 ? "Drop to import " + files.getFirst().getName() + " into the library"
                        : "Drop to import these " + files.size() + " files into the library");
                dropHint.setVisible(true);
            }
            e.consume();
        });
        root.setOnDragExited(e -> dropHint.setVisible(false));
        root.setOnDragDropped(e -> {
            dropHint.setVisible(false);
            boolean ok = importFlow != null && e.getDragboard().hasFiles();
            if (ok) importFiles(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** What a drop or File › Import does with the files; public for tests and for files opened from the desktop. */
    public void importFiles(List<java.nio.file.Path> files) {
        if (importFlow == null) throw new IllegalStateException("import is not enabled in this window");
        importFlow.importFiles(files);
    }

    private void showImported(List<org.vmstation.engine.library.VmEntry> created) {
        if (created.isEmpty()) return;
        executor.execute(org.vmstation.app.gui.task.BackgroundTask.of("Reading the VM library", p -> catalog.list()).onSuccess(entries -> {
            library.merge(entries);
            libraryView.list().getSelectionModel().clearSelection();
            for (var entry : created) {
                VmItem item = library.find(entry.id());
                if (item != null) libraryView.list().getSelectionModel().select(item);
            }
            VmItem first = library.find(created.getFirst().id());
            if (first != null) libraryView.list().scrollTo(first);
        }));
    }

    public ImportFlow importFlow() { return importFlow; }

    // --- USB -------------------------------------------------------------------------------------------------

    /** Turns on Machine › USB devices (Ctrl+U) and the USB card in the details pane. */
    public void enableUsb(org.vmstation.usb.service.UsbService service) {
        usb = new org.vmstation.app.gui.usb.UsbViewModel(service, catalog, executor, notifications,
                id -> { VmItem i = library.find(id); return i == null ? "another VM" : i.name(); }, library::replace);
        usb.vmProperty().bind(details.vmProperty());
        // the devices are listed when the USB card is first made (the first selection; the dialog needs one too),
        // not while the window opens
        detailsView.whenBuilt(() -> {
            detailsView.addSummaryCard("USB devices", new UsbDevicesView(usb, "usb-section"), "usb-card");
            usb.refresh();
        });
        usbEnabled.set(true);
    }

    public org.vmstation.app.gui.usb.UsbViewModel usb() { return usb; }

    // --- dialogs ---------------------------------------------------------------------------------------------

    public void newVm() { newVmFrom(null); }

    /** The New VM wizard, prefilled from an installer ISO's detected OS and name when {@code prefill} is given. */
    public void newVmFrom(org.vmstation.engine.model.VmDefinition prefill) {
        NewVmWizardViewModel vm = new NewVmWizardViewModel(catalog, disks, executor, notifications, presets(),
                library.allItems().stream().map(VmItem::definition).toList(), HostResources.totalMemoryMiB(),
                Runtime.getRuntime().availableProcessors());
        NewVmWizard[] holder = new NewVmWizard[1];
        NewVmWizard wizard = new NewVmWizard(stage, vm, () -> vm.finish(entry -> {
            library.merge(appended(entry));
            VmItem item = library.find(entry.id());
            libraryView.list().getSelectionModel().clearSelection();
            libraryView.list().getSelectionModel().select(item);
            libraryView.list().scrollTo(item);
            notifications.info("Created " + entry.name(), "Press Start to boot it.");
            holder[0].setResult(ButtonType.OK);
            holder[0].close();
        }));
        holder[0] = wizard;
        openWizard = wizard;
        if (prefill != null) {
            prefill.cdroms().stream().map(c -> c.isoPath()).filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(iso -> vm.chooseIso(java.nio.file.Path.of(iso)));
            presets().byId(prefill.osType()).ifPresent(vm.presetProperty()::set);
            vm.nameProperty().set(prefill.name());
        }
        wizard.setOnHidden(e -> openWizard = null);
        wizard.show();
    }

    private List<org.vmstation.engine.library.VmEntry> appended(org.vmstation.engine.library.VmEntry entry) {
        List<org.vmstation.engine.library.VmEntry> now = new java.util.ArrayList<>();
        for (VmItem i : library.allItems()) {
            now.add(new org.vmstation.engine.library.VmEntry(i.definition(), i.state(),
                    i.createdAt() == null ? java.time.Instant.now() : i.createdAt(), i.lastRunAt(), null));
        }
        now.add(entry);
        return now;
    }

    private void openSettings() {
        VmItem item = actions.selection().getFirst();
        executor.execute(org.vmstation.app.gui.task.BackgroundTask.of("Opening settings", p -> catalog.vmFolder(item.id()))
                .onSuccess(folder -> {
                    SettingsViewModel vm = new SettingsViewModel(item, library.allItems().stream().map(VmItem::definition).toList(),
                            folder, catalog, executor, notifications);
                    String qemu = preferences.get().qemuBinary();
                    vm.threeD().load(executor, org.vmstation.app.gui.settings.ThreeDProbeViewModel.thisHost(qemu.isEmpty() ? null : java.nio.file.Path.of(qemu)));
                    SettingsDialog[] dialog = new SettingsDialog[1];
                    dialog[0] = new SettingsDialog(stage, vm, presets(), () -> vm.save(saved -> {
                        library.replace(saved);
                        dialog[0].setResult(ButtonType.OK);
                        dialog[0].close();
                    }));
                    dialog[0].show();
                }));
    }

    // --- preferences ------------------------------------------------------------------------------------------

    /**
     * Reads the user's preferences from {@code store} and applies them (theme, host key, close behaviour, choosers);
     * Edit › Preferences saves there. Tests pass a store in a temporary folder.
     */
    public void usePreferences(org.vmstation.app.gui.prefs.PreferencesStore store) {
        preferencesStore = store;
        var loaded = store.load();
        preferences.currentProperty().set(loaded.preferences());
        for (String problem : loaded.problems()) {
            notifications.warning("A preference could not be used", problem, "Open Edit › Preferences and save to rewrite the file.");
        }
    }

    /** Adds a page to Edit › Preferences; {@code tab} is called each time the dialog opens. */
    public void addPreferencesTab(java.util.function.Supplier<javafx.scene.control.Tab> tab) { preferenceTabs.add(tab); }

    public org.vmstation.app.gui.prefs.AppliedPreferences preferences() { return preferences; }

    /** Where the preferences are read and saved (the close question's "Remember my choice" saves there too). */
    public org.vmstation.app.gui.prefs.PreferencesStore preferencesStore() { return preferencesStore; }

    public void openPreferences() {
        var vm = new org.vmstation.app.gui.prefs.PreferencesViewModel(preferences.get(), preferencesStore, executor, notifications,
                org.vmstation.app.gui.prefs.QemuChecks.capabilityProbe());
        PreferencesDialog[] dialog = new PreferencesDialog[1];
        dialog[0] = new PreferencesDialog(stage, vm, () -> vm.save(saved -> {
            preferences.currentProperty().set(saved);
            dialog[0].setResult(ButtonType.OK);
            dialog[0].close();
        }));
        for (var tab : preferenceTabs) dialog[0].addTab(tab.get());
        openPreferences = dialog[0];
        dialog[0].setOnHidden(e -> openPreferences = null);
        dialog[0].show();
        vm.checkQemu();
    }

    private PreferencesDialog openPreferences;

    public PreferencesDialog openPreferencesDialog() { return openPreferences; }

    /** Applies the theme to this window and every window it opens (dialogs, a detached console), now and on change. */
    private void followTheme() {
        java.util.function.Consumer<javafx.stage.Window> paint = w -> {
            Scene s = w.getScene();
            if (s == null || s.getRoot() == null) return;
            var classes = s.getRoot().getStyleClass();
            if (preferences.darkProperty().get()) { if (!classes.contains("dark")) classes.add("dark"); } else classes.remove("dark");
        };
        preferences.darkProperty().addListener((o, a, b) -> javafx.stage.Window.getWindows().forEach(paint));
        javafx.stage.Window.getWindows().addListener((ListChangeListener<javafx.stage.Window>) c -> {
            while (c.next()) c.getAddedSubList().forEach(paint);
        });
        paint.accept(stage);
        preferences.currentProperty().addListener((o, a, b) -> { if (b.theme() == org.vmstation.app.gui.prefs.Theme.SYSTEM) askDesktopTheme(); });
        preferences.currentProperty().addListener((o, a, b) -> applyFolder(b));
        applyFolder(preferences.get());
        askDesktopTheme();
    }

    private static void applyFolder(org.vmstation.app.gui.prefs.Preferences p) {
        Controls.setDefaultFolder(p.defaultVmFolder().isEmpty() ? null : new java.io.File(p.defaultVmFolder()));
    }

    /** gsettings runs a process: asked off the JavaFX thread, answered into the preferences. */
    private void askDesktopTheme() {
        executor.execute(org.vmstation.app.gui.task.BackgroundTask.of("Reading the desktop's colour scheme",
                        p -> org.vmstation.app.gui.prefs.DesktopTheme.forThisDesktop().prefersDark())
                .onSuccess(preferences.desktopPrefersDarkProperty()::set));
    }

    private void confirmDelete() {
        List<VmItem> selected = List.copyOf(actions.selection());
        String names = selected.size() == 1 ? selected.getFirst().name() : selected.size() + " VMs";
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("Delete " + names);
        alert.setHeaderText("Delete " + names + "?");
        alert.setContentText("The VM is removed from the library. This cannot be undone.");
        CheckBox keep = new CheckBox("Keep the disk files (in the VM's folder)");
        keep.setId("delete-keep-disks");
        alert.getDialogPane().setExpandableContent(null);
        alert.getDialogPane().setContent(new VBox(10, new javafx.scene.control.Label(alert.getContentText()), keep));
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(delete, ButtonType.CANCEL);
        alert.getDialogPane().lookupButton(delete).setId("delete-confirm");
        alert.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        alert.getDialogPane().setId("delete-dialog");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == delete) actions.delete(keep.isSelected());
    }

    private boolean offerPowerOff(VmItem vm) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(stage);
        alert.setTitle("Shut down " + vm.name());
        alert.setHeaderText(vm.name() + " did not shut down");
        alert.setContentText("The guest did not react to the power button within "
                + VmActionsViewModel.SHUTDOWN_TIMEOUT.toSeconds() + " seconds. Power it off now? Unsaved work in the guest is lost.");
        ButtonType off = new ButtonType("Power off", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(off, new ButtonType("Keep running", ButtonBar.ButtonData.CANCEL_CLOSE));
        alert.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        return alert.showAndWait().filter(b -> b == off).isPresent();
    }

    /** Stops polling and consoles; running VMs are left as they are (the close dialog decided already). */
    public void dispose() {
        disposed = true;
        monitor.close();
        powerPanel.close();
        power.close();
        thumbnails.close();
        detailsView.shutdown();
    }

    public Stage stage() { return stage; }
    public LibraryViewModel library() { return library; }
    public VmActionsViewModel actions() { return actions; }
    public NotificationCenter notifications() { return notifications; }
    public VmCatalog catalog() { return catalog; }
    public VmHost host() { return host; }
    public TaskExecutor executor() { return executor; }
    public NewVmWizard openWizard() { return openWizard; }
    public LibraryView libraryView() { return libraryView; }
    public LiveThumbnails thumbnails() { return thumbnails; }
    public DetailsView detailsView() { return detailsView; }
}
