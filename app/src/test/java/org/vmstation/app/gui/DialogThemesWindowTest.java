package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.prefs.CloseQuestion;
import org.vmstation.app.gui.prefs.Preferences;
import org.vmstation.app.gui.prefs.PreferencesStore;
import org.vmstation.app.gui.prefs.Theme;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.CloseRunningDialog;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.gui.view.UsbDialog;
import org.vmstation.engine.importer.service.ImportFixtures;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.usb.host.HostIdentity;
import org.vmstation.usb.host.HostUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHotplugListener;
import org.vmstation.usb.host.UsbSpeed;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.service.UsbService;

/**
 * Every dialog of the window in the dark theme (and, as the reference, the light one): its background and fields
 * are dark (light) and every text in it (labels, buttons, check boxes, tab titles) reads against what is behind it.
 * Saves a screenshot of each for people to look at (target/screenshots/dark-*.png, light-*.png).
 */
@Tag("gui")
class DialogThemesWindowTest extends FxRobot {
    /** WCAG's minimum contrast for large text and user-interface parts; body text should reach 4.5. */
    private static final double MIN_CONTRAST = 3.0;

    @TempDir Path dir;
    private VmLibrary library;
    private MainWindow window;
    private ThreadPoolTaskExecutor executor;
    private PreferencesStore store;
    private Theme theme;

    @BeforeEach
    void open() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        library.add(TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of("prod"), "nginx"));
        executor = new ThreadPoolTaskExecutor();
        RecordingHost host = new RecordingHost(dir.resolve("run"));
        HostUsbBackend bus = new HostUsbBackend() {
            @Override public List<UsbDevice> enumerate() {
                return List.of(new UsbDevice("1-2", 1, 4, 0x0781, 0x5567, "SanDisk", "Cruzer Blade", null, null, "4C53", UsbSpeed.HIGH, 0, List.of(8), List.of()));
            }
            @Override public AutoCloseable watch(UsbHotplugListener listener) { return () -> {}; }
        };
        UsbService usb = new UsbService(bus, new UsbAccess(dir.resolve("dev"), dir.resolve("group"), new HostIdentity("alice", 4242, Set.of(4242))),
                new UsbHotplug(Duration.ofMillis(300)));
        usb.bind(host);
        AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
        store = new PreferencesStore(dir.resolve("config").resolve(PreferencesStore.FILE_NAME));
        store.save(Preferences.DEFAULTS.withTheme(Theme.DARK));
        theme = Theme.DARK;
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            window = WorkstationApp.open(stage, services, socket -> { throw new UnsupportedOperationException("no console here"); });
            window.enableUsb(usb);
            window.usePreferences(store);
        });
        waitFor(() -> window.library().allItems().size() == 1);
        waitFor(() -> window.stage().getScene().getRoot().getStyleClass().contains("dark"));
        interact(() -> window.libraryView().list().getSelectionModel().select(0));
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.closeAll(window);
        executor.close();
        library.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @Test
    void everyDialogIsDarkAndItsTextReadable() throws Exception {
        assertThat(everyDialog()).as("dark-theme problems (screenshots in " + Screenshots.DIR.toAbsolutePath() + ")").isEmpty();
    }

    @Test
    void inTheLightThemeToo() throws Exception {
        theme = Theme.LIGHT;
        interact(() -> window.preferences().currentProperty().set(Preferences.DEFAULTS.withTheme(Theme.LIGHT)));
        waitFor(() -> !window.stage().getScene().getRoot().getStyleClass().contains("dark"));
        assertThat(everyDialog()).as("light-theme problems (screenshots in " + Screenshots.DIR.toAbsolutePath() + ")").isEmpty();
    }

    /** Opens each dialog in turn, checks it and closes it; what was wrong, as readable lines. */
    private List<String> everyDialog() throws Exception {
        List<String> problems = new ArrayList<>();

        interact(window::newVm);
        DialogPane wizard = pane("#new-vm-wizard");
        waitFor(() -> window.openWizard().getDialogPane().lookup("#wizard-os-list") instanceof javafx.scene.control.ListView<?> l
                && !l.getItems().isEmpty());
        for (int page = 0; page < 5; page++) {
            int p = page;
            interact(() -> window.openWizard().showPage(p));
            problems.addAll(check(wizard, "dark-wizard-" + (page + 1)));
        }
        closeWith(wizard, ButtonType.CANCEL);

        Platform.runLater(() -> lookup("#tool-settings").queryAs(Button.class).fire());
        DialogPane settings = pane("#settings-dialog");
        TabPane settingsTabs = settings.lookup(".tab-pane") instanceof TabPane t ? t : null;
        problems.addAll(check(settings, "dark-settings"));
        if (settingsTabs != null) {
            for (int i = 1; i < settingsTabs.getTabs().size(); i++) {
                int tab = i;
                interact(() -> settingsTabs.getSelectionModel().select(tab));
                problems.addAll(check(settings, "dark-settings-" + (i + 1)));
            }
        }
        closeWith(settings, ButtonType.CANCEL);

        interact(window::openPreferences);
        DialogPane prefs = pane("#prefs-dialog");
        TabPane prefTabs = (TabPane) prefs.lookup("#prefs-tabs");
        for (int i = 0; i < prefTabs.getTabs().size(); i++) {
            int tab = i;
            interact(() -> prefTabs.getSelectionModel().select(tab));
            problems.addAll(check(prefs, "dark-preferences-" + (i + 1)));
        }
        closeWith(prefs, ButtonType.CANCEL);

        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve("ovf/vmware-vcenter-vmx07-winxp-multinic.ovf"), dir.resolve("xp.ovf"));
        interact(() -> window.importFiles(List.of(ovf)));
        waitFor(() -> window.importFlow().openDialog() != null && window.importFlow().openDialog().isShowing());
        DialogPane preview = window.importFlow().openDialog().getDialogPane();
        problems.addAll(check(preview, "dark-import-preview"));
        closeWith(preview, ButtonType.CANCEL);

        Platform.runLater(() -> lookup("#tool-delete").queryAs(Button.class).fire());
        DialogPane delete = pane("#delete-dialog");
        problems.addAll(check(delete, "dark-delete"));
        closeWith(delete, ButtonType.CANCEL);

        CloseQuestion question = new CloseQuestion(store, p -> { });
        interact(() -> new CloseRunningDialog(window.stage(), List.of("Web server"), question).alert().show());
        DialogPane closing = pane("#close-dialog");
        problems.addAll(check(closing, "dark-close-running"));
        closeWith(closing, ButtonType.CANCEL);

        interact(() -> new UsbDialog(window.stage(), window.usb()).show());
        DialogPane usbDialog = pane("#usb-dialog");
        waitFor(() -> !texts(usbDialog).stream().filter(t -> t.contains("Cruzer Blade")).toList().isEmpty());
        problems.addAll(check(usbDialog, "dark-usb"));
        closeWith(usbDialog, ButtonType.CLOSE);

        return problems;
    }

    private DialogPane pane(String id) throws TimeoutException {
        waitFor(() -> lookup(id).tryQuery().isPresent() && lookup(id).query().getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        return lookup(id).queryAs(DialogPane.class);
    }

    private void closeWith(DialogPane pane, ButtonType type) {
        Node button = pane.lookupButton(type);
        interact(() -> ((Button) button).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Screenshot, then what is wrong with the dialog in the theme under test (empty: nothing). */
    private List<String> check(DialogPane pane, String shot) throws Exception {
        boolean dark = theme == Theme.DARK;
        String name = dark ? shot : shot.replaceFirst("^dark-", "light-");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(pane.getScene(), name);
        List<String> found = new ArrayList<>();
        interact(() -> {
            if (pane.getScene().getRoot().getStyleClass().contains("dark") != dark) found.add(name + ": the window is not in the " + theme + " theme");
            Color bg = background(pane);
            if (bg == null || (dark ? luminance(bg) > 0.05 : luminance(bg) < 0.7)) {
                found.add(name + ": the dialog's background is " + bg + ", not " + (dark ? "dark" : "light"));
            }
            visit(pane, node -> {
                if (!node.isVisible() || node.isDisabled()) return false;
                if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && l.getTextFill() instanceof Color fill) {
                    Color behind = behind(l);
                    double c = contrast(fill, behind);
                    if (c < MIN_CONTRAST) {
                        found.add(String.format("%s: '%s' (%s) is %s on %s: contrast %.1f, expected at least %.1f", name,
                                l.getText().lines().findFirst().orElse(""), l.getClass().getSimpleName(), fill, behind, c, MIN_CONTRAST));
                    }
                }
                if (node instanceof TextInputControl input) {
                    Color inner = innerFill(input);
                    if (inner != null && (dark ? luminance(inner) > 0.1 : luminance(inner) < 0.7)) {
                        found.add(name + ": field " + (input.getId() == null ? input.getPromptText() : "#" + input.getId())
                                + " has a " + (dark ? "light" : "dark") + " background " + inner);
                    }
                }
                return true;
            });
        });
        return found;
    }

    private static List<String> texts(Node root) {
        List<String> out = new ArrayList<>();
        visit(root, n -> { if (n instanceof Labeled l && l.getText() != null) out.add(l.getText()); return true; });
        return out;
    }

    /** Walks the scene graph; {@code into} says whether to go into a node's children. */
    private static void visit(Node n, java.util.function.Predicate<Node> into) {
        if (!into.test(n)) return;
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) visit(c, into);
    }

    /** The colour painted behind a node: the innermost opaque fill of it or of an ancestor. */
    private static Color behind(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            Color c = background(at);
            if (c != null) return c;
        }
        return Color.WHITE;
    }

    /** A region's topmost solid fill that covers it (insets of at most a few pixels), or null. */
    private static Color background(Node n) {
        if (!(n instanceof Region r)) return null;
        Background b = r.getBackground();
        if (b == null) return null;
        List<BackgroundFill> fills = b.getFills();
        for (int i = fills.size() - 1; i >= 0; i--) {
            BackgroundFill f = fills.get(i);
            Color c = solid(f.getFill());
            if (c != null && c.getOpacity() > 0.9 && f.getInsets().getTop() <= 4) return c;
        }
        return null;
    }

    /** A paint as one colour: itself, or a gradient's middle (modena paints buttons and fields with gentle gradients). */
    private static Color solid(javafx.scene.paint.Paint p) {
        if (p instanceof Color c) return c;
        if (p instanceof javafx.scene.paint.LinearGradient g && !g.getStops().isEmpty()) {
            return g.getStops().getFirst().getColor().interpolate(g.getStops().getLast().getColor(), 0.5);
        }
        return null;
    }

    private static Color innerFill(TextInputControl input) {
        Background b = input.getBackground();
        if (b == null || b.getFills().isEmpty()) return null;
        return solid(b.getFills().getLast().getFill());
    }

    static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) { return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }

    static double contrast(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
