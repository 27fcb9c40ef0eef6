package org.vmstation.app.gui.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstation.app.gui.e2e.WindowOnTempLibrary.onFx;
import static org.vmstation.app.gui.e2e.WindowOnTempLibrary.waitFor;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.view.NewVmWizard;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.testcard.TestCard;
import org.vmstation.graphics.view.DisplayView;

/**
 * A new user's whole day with one VM, through the window only: create it with the New VM wizard (direct kernel
 * boot of the test guest), start it from the toolbar, see its screen in the console tab (checked pixel by pixel
 * against QEMU's own screendump of the same frame), type a command that the guest echoes on its serial port,
 * shut it down from the toolbar (ACPI; the guest's acpid powers off), delete it from the toolbar. After each step
 * the library row, the VM's folder and the state the window shows must agree.
 */
@Tag("gui")
@Tag("guest")
class VmLifecycleThroughWindowTest extends FxRobot {
    private static final String NAME = "E2E guest";

    @TempDir Path dir;

    @Test
    void createStartUseShutDownAndDeleteThroughTheWindow() throws Exception {
        GuestImage guest = TestGuest.image();
        try (WindowOnTempLibrary app = WindowOnTempLibrary.open(dir)) {
            VmDefinition created = null;
            try {
                waitFor(10, () -> app.window.library().loadedProperty().get());
                Snapshots.save(app.stage.getScene(), "1-empty-library");

                created = createWithWizard(app, guest);
                VmItem item = app.item(NAME).orElseThrow();
                Path folder = app.library().vmFolder(created.id());
                assertConsistent(app, created, true, VmState.STOPPED, "Stopped");
                assertThat(folder.resolve(NewVmWizardViewModel.NEW_DISK_NAME)).isRegularFile();
                assertThat(created.firmware()).isEqualTo(Firmware.BIOS);
                assertThat(created.kernelBoot().kernelPath()).isEqualTo(guest.kernelFor(false).toString());
                Snapshots.save(app.stage.getScene(), "3-created");

                openAndCloseSettings(app, "4-settings-stopped", false);

                // --- size the window so the console shows 800x600: the guest's screen follows the console's size,
                // and the guest has its test card drawn for that mode
                sizeConsoleTo(app, 800, 600);

                // --- start from the toolbar; the console tab takes over
                clickOn("#tool-start");
                waitFor(120, () -> item.state() == VmState.RUNNING);
                assertConsistent(app, created, true, VmState.RUNNING, "Running");
                Path serialLog = app.host().paths(created).serialLog();
                waitFor(240, () -> read(serialLog).contains(GuestImageLocator.READY_MARKER));
                waitFor(60, () -> lookup("#console-display").tryQuery().isPresent());
                DisplayView display = lookup("#console-display").queryAs(DisplayView.class);
                assertThat(onFx(() -> lookup("#details-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText()))
                        .isEqualTo("Console");
                ScreenMatch boot = waitForConsoleToMatchQemu(app, created, display, "8-console-qemu-screendump");
                assertThat(boot.width() + "x" + boot.height()).as("the guest took the console's size").isEqualTo("800x600");
                Snapshots.save(app.stage.getScene(), "8-console-running");
                System.out.println("[e2e] console vs QEMU screendump after boot: " + boot);

                // --- type into the console; the guest's shell writes to its serial port
                String candidate = "e2e-" + token();
                typeUntilSerialShows(display, serialLog, "echo " + candidate + " >/dev/ttyS0", candidate);
                // the command was typed on the graphical console, so only its output (after the serial shell's
                // prompt) reaches the serial port, never the command line itself
                String typedToken = candidate;
                assertThat(read(serialLog).lines().filter(l -> l.contains(typedToken)).toList())
                        .as("serial lines with the token (once per time it was typed)").isNotEmpty()
                        .allSatisfy(l -> assertThat(l.strip()).endsWith(typedToken).doesNotContain("echo"));
                ScreenMatch typed = waitForConsoleToMatchQemu(app, created, display, "9-console-after-typing-qemu-screendump");
                System.out.println("[e2e] console vs QEMU screendump after typing: " + typed);
                Snapshots.save(app.stage.getScene(), "9-console-after-typing");

                // --- the guest's test card, typed for in the console, reaches the window pixel for pixel
                typeUntilSerialShows(display, serialLog, "vmstation-testcard show >/dev/ttyS0", "VMSTATION-TESTCARD shown", "VMSTATION-TESTCARD-ERROR");
                assertThat(read(serialLog)).doesNotContain("VMSTATION-TESTCARD-ERROR");
                String card = waitForTestCard(display);
                System.out.println("[e2e] console shows the guest's test card: " + card);
                ScreenMatch cardVsQemu = waitForConsoleToMatchQemu(app, created, display, "10-testcard-qemu-screendump");
                System.out.println("[e2e] console vs QEMU screendump of the test card: " + cardVsQemu);
                Snapshots.save(app.stage.getScene(), "10-console-testcard");
                typeUntilSerialShows(display, serialLog, "vmstation-testcard off >/dev/ttyS0", "VMSTATION-TESTCARD off");

                openAndCloseSettings(app, "11-settings-running", true);

                // --- shut down from the toolbar: ACPI power button, acpid powers the guest off
                clickOn("#tool-shut_down");
                waitFor(120, () -> item.state() == VmState.STOPPED);
                assertThat(read(serialLog)).contains("ACPI power button, powering off");
                assertThat(app.host().status(created).state()).isEqualTo(VmState.STOPPED);
                assertThat(onFx(() -> Window.getWindows().stream().filter(w -> w instanceof javafx.stage.Stage && w.isShowing()).count()))
                        .as("no 'did not shut down' prompt").isEqualTo(1);
                assertConsistent(app, created, true, VmState.STOPPED, "Stopped");
                Snapshots.save(app.stage.getScene(), "12-after-shutdown");

                // --- delete from the toolbar, confirming, disks not kept
                selectRow(NAME);
                waitFor(10, () -> !lookup("#tool-delete").queryAs(Button.class).isDisabled());
                clickOn("#tool-delete");
                waitFor(10, () -> lookup("#delete-dialog").tryQuery().isPresent());
                Snapshots.save(lookup("#delete-dialog").query().getScene(), "13-delete-dialog");
                clickOn("#delete-confirm");
                String id = created.id();
                waitFor(20, () -> app.library().findById(id).isEmpty() && app.item(NAME).isEmpty());
                waitFor(20, () -> !Files.exists(folder));
                assertConsistent(app, created, false, null, null);
                Snapshots.save(app.stage.getScene(), "14-after-delete");
                created = null;
            } finally {
                if (created != null) app.powerOffIfRunning(created);
            }
        }
    }

    /** Drives the wizard page by page like a user, saving a screenshot of each page. */
    private VmDefinition createWithWizard(WindowOnTempLibrary app, GuestImage guest) throws Exception {
        clickOn("#tool-new");
        waitFor(10, () -> app.window.openWizard() != null && app.window.openWizard().isShowing());
        NewVmWizard wizard = app.window.openWizard();

        // 1 name and OS
        TextField name = lookup("#wizard-name").queryAs(TextField.class);
        interact(name::clear);
        clickOn(name).write(NAME);
        waitFor(30, () -> !lookup("#wizard-os-list").queryListView().getItems().isEmpty()); // the OS list loads in the background
        clickOn("#wizard-os-search").write("generic linux 2022");
        clickOn("Generic Linux 2022");
        Snapshots.save(wizard.getDialogPane().getScene(), "2-wizard-page1-name-os");

        // 2 memory and CPUs: the test guest needs little; BIOS because the fast kernel boots through PVH
        clickOn("#wizard-next");
        Spinner<?> memory = lookup("#wizard-memory").queryAs(Spinner.class);
        interact(() -> {
            @SuppressWarnings("unchecked") Spinner<Integer> m = (Spinner<Integer>) memory;
            m.getValueFactory().setValue(384);
            @SuppressWarnings("unchecked") Spinner<Integer> cpus = (Spinner<Integer>) lookup("#wizard-cpus").queryAs(Spinner.class);
            cpus.getValueFactory().setValue(1); // as the old "Other Linux" preset gave; the OS's default is 2
            @SuppressWarnings("unchecked") ChoiceBox<Firmware> fw = (ChoiceBox<Firmware>) currentChoiceBox(wizard);
            fw.setValue(Firmware.BIOS); // the OS's default is UEFI (osinfo: EFI supported)
        });
        assertThat(onFx(() -> currentChoiceBox(wizard).getValue())).isEqualTo(Firmware.BIOS);
        Snapshots.save(wizard.getDialogPane().getScene(), "2-wizard-page2-hardware");

        // 3 disk: a new 1 GiB qcow2 in the VM's folder
        clickOn("#wizard-next");
        Spinner<?> size = lookup("#wizard-disk-size").queryAs(Spinner.class);
        interact(() -> {
            @SuppressWarnings("unchecked") Spinner<Integer> s = (Spinner<Integer>) size;
            s.getValueFactory().setValue(1);
        });
        Snapshots.save(wizard.getDialogPane().getScene(), "2-wizard-page3-disk");

        // 4 network: NAT as offered
        clickOn("#wizard-next");
        Snapshots.save(wizard.getDialogPane().getScene(), "2-wizard-page4-network");

        // 5 advanced: direct kernel boot of the test guest
        clickOn("#wizard-next");
        clickOn("#wizard-direct-kernel");
        clickOn("#wizard-kernel").write(guest.kernelFor(false).toString());
        clickOn("#wizard-initrd").write(guest.initrd().toString());
        TextField cmdline = lookup("#wizard-cmdline").queryAs(TextField.class);
        interact(cmdline::clear);
        clickOn(cmdline).write(GuestImageLocator.kernelCommandLine(List.of()));
        waitFor(10, () -> !lookup("#wizard-create").queryAs(Button.class).isDisabled());
        assertThat(lookup("#wizard-problems").queryAs(Label.class).getText()).isBlank();
        Snapshots.save(wizard.getDialogPane().getScene(), "2-wizard-page5-advanced");

        clickOn("#wizard-create");
        waitFor(60, () -> !wizard.isShowing());
        waitFor(10, () -> app.item(NAME).isPresent());
        assertThat(onFx(() -> app.window.libraryView().list().getSelectionModel().getSelectedItem().name())).isEqualTo(NAME);
        VmEntry entry = app.library().findByName(NAME).orElseThrow();
        assertThat(entry.definition().memoryMiB()).isEqualTo(384);
        return entry.definition();
    }

    /** Shows the console tab and resizes the window (as a user drags its corner) until the console area is w x h. */
    private void sizeConsoleTo(WindowOnTempLibrary app, int w, int h) throws Exception {
        clickOn(lookup(".tab-label").match((Label l) -> "Console".equals(l.getText())).queryAs(Label.class));
        Node screen = lookup("#console-screen").query();
        for (int attempt = 0; attempt < 5; attempt++) {
            boolean done = onFx(() -> {
                double dw = w - screen.getLayoutBounds().getWidth(), dh = h - screen.getLayoutBounds().getHeight();
                if (dw == 0 && dh == 0) return true;
                app.stage.setWidth(app.stage.getWidth() + dw);
                app.stage.setHeight(app.stage.getHeight() + dh);
                return false;
            });
            if (done) return;
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(onFx(() -> screen.getLayoutBounds().getWidth() + "x" + screen.getLayoutBounds().getHeight()))
                .as("console area after resizing the window").isEqualTo((double) w + "x" + (double) h);
    }

    /** Clicks the VM's row in the library list (its name also shows in the details header). */
    private void selectRow(String name) {
        Node cell = lookup(".list-cell").match((Node n) -> n.getAccessibleText() != null && n.getAccessibleText().startsWith(name + ", ")).query();
        clickOn(cell);
    }

    private ChoiceBox<?> currentChoiceBox(NewVmWizard wizard) {
        return (ChoiceBox<?>) from(wizard.getDialogPane()).lookup(".choice-box").query();
    }

    private void openAndCloseSettings(WindowOnTempLibrary app, String shot, boolean expectLock) throws Exception {
        selectRow(NAME);
        waitFor(10, () -> !lookup("#tool-settings").queryAs(Button.class).isDisabled());
        clickOn("#tool-settings");
        waitFor(10, () -> lookup("#settings-dialog").tryQuery().isPresent());
        DialogPane pane = lookup("#settings-dialog").queryAs(DialogPane.class);
        assertThat(onFx(() -> lookup("#settings-name").queryAs(TextField.class).getText())).isEqualTo(NAME);
        assertThat(onFx(() -> lookup("#settings-lock").queryLabeled().isVisible())).isEqualTo(expectLock);
        Snapshots.save(pane.getScene(), shot);
        clickOn((Node) pane.lookupButton(ButtonType.CANCEL));
        waitFor(10, () -> lookup("#settings-dialog").tryQuery().isEmpty());
    }

    /**
     * The library's row, the VM's folder, the window's list row and the details header agree: present with
     * {@code state} shown as {@code stateLabel}, or all gone.
     */
    private void assertConsistent(WindowOnTempLibrary app, VmDefinition vm, boolean present, VmState state, String stateLabel)
            throws Exception {
        Path folder = app.library().vmFolder(vm.id());
        Optional<VmEntry> row = app.library().findById(vm.id());
        if (!present) {
            assertThat(row).as("library row").isEmpty();
            assertThat(folder).as("VM folder").doesNotExist();
            assertThat(app.item(vm.name())).as("window list item").isEmpty();
            assertThat(app.rowText(this, vm.name())).as("window list row").isEmpty();
            return;
        }
        assertThat(row).as("library row").isPresent();
        assertThat(row.get().definition()).isEqualTo(vm);
        assertThat(folder).as("VM folder").isDirectory();
        assertThat(app.host().status(vm).state()).as("host state").isEqualTo(state);
        waitFor(5, () -> app.item(vm.name()).map(i -> i.state() == state).orElse(false));
        waitFor(5, () -> app.rowText(this, vm.name()).map(t -> t.contains(", " + stateLabel + ", ")).orElse(false));
        waitFor(5, () -> onFx(() -> lookup("#details-state").queryLabeled().getText()).equalsIgnoreCase(stateLabel));
        // what the window did is what the command line sees
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        assertThat(org.vmstation.app.cli.CliRunner.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "--library", app.libraryPath.toString(), "list", "--json")).as("vmstation list: " + err).isZero();
        var listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        String cliState = null;
        for (var r : listed) if (vm.name().equals(r.path("name").asText())) cliState = r.path("state").asText();
        assertThat(cliState).as("`vmstation list` state of " + vm.name()).isEqualTo(state.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Polls until the console shows the frame QEMU renders: QEMU writes a screendump, the window's image is read
     * right after, and the two are compared (the guest's cursor blinks, so a few tries may be needed).
     */
    private ScreenMatch waitForConsoleToMatchQemu(WindowOnTempLibrary app, VmDefinition vm, DisplayView display, String shot)
            throws Exception {
        Path dump = Files.createTempFile(dir, "screendump", ".png");
        ScreenMatch last = null;
        BufferedImage lastQemu = null, lastConsole = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Files.deleteIfExists(dump);
            app.host().withControl(vm, c -> c.command("screendump", Map.of("filename", dump.toString(), "format", "png")));
            BufferedImage qemu = ImageIO.read(dump.toFile());
            Thread.sleep(300); // the VNC update of the same frame is on its way
            BufferedImage console = onFx(() -> display.currentImage() == null ? null : Snapshots.toBuffered(display.currentImage()));
            if (qemu != null && console != null) {
                last = ScreenMatch.compare(qemu, console);
                lastQemu = qemu;
                lastConsole = console;
                if (last.matches()) {
                    saveBoth(qemu, console, shot);
                    return last;
                }
            }
            Thread.sleep(700);
        }
        if (lastQemu != null) saveBoth(lastQemu, lastConsole, shot + "-MISMATCH");
        throw new AssertionError("the console never showed QEMU's frame; last comparison: " + last);
    }

    /** Waits until the console's image is exactly the test card's top-left crop; returns the size it checked. */
    private String waitForTestCard(DisplayView display) throws Exception {
        String last = "no image";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            FramebufferSnapshot shown = onFx(() -> {
                javafx.scene.image.Image img = display.currentImage();
                if (img == null) return null;
                int w = (int) img.getWidth(), h = (int) img.getHeight();
                int[] argb = new int[w * h];
                img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
                return new FramebufferSnapshot(w, h, argb);
            });
            if (shown != null) {
                String diff = TestCard.differences(shown);
                if (diff == null) return shown.width() + "x" + shown.height() + ", every pixel as the card";
                last = shown.width() + "x" + shown.height() + ": " + diff;
            }
            Thread.sleep(500);
        }
        Snapshots.save(display.getScene(), "10-console-testcard-MISMATCH");
        throw new AssertionError("the console never showed the test card; last: " + last);
    }

    private static void saveBoth(BufferedImage qemu, BufferedImage console, String shot) throws java.io.IOException {
        Files.createDirectories(Snapshots.DIR);
        ImageIO.write(qemu, "png", Snapshots.DIR.resolve("e2e-" + shot + ".png").toFile());
        ImageIO.write(console, "png", Snapshots.DIR.resolve("e2e-" + shot.replace("qemu-screendump", "console-image") + ".png").toFile());
    }

    /**
     * Types a command line on the console and waits until one of the markers appears on the serial port. Under a
     * loaded CI machine the guest (TCG) now and then drops a keystroke of a line typed quickly, in the shell's
     * start-up as well as later; the commands used here are idempotent, so a line not answered within 25 s is
     * typed again, up to three times. Returns the marker seen.
     */
    private String typeUntilSerialShows(DisplayView display, Path serialLog, String command, String... markers) throws Exception {
        for (int attempt = 1; ; attempt++) {
            waitFor(10, () -> onFx(() -> { display.requestFocus(); return display.isFocused(); }));
            ConsoleKeys.type(this, command + "\n");
            try {
                waitFor(attempt == 3 ? 90 : 25, () -> java.util.Arrays.stream(markers).anyMatch(m -> read(serialLog).contains(m)));
                String log = read(serialLog);
                return java.util.Arrays.stream(markers).filter(log::contains).findFirst().orElseThrow();
            } catch (TimeoutException e) {
                if (attempt == 3) throw new AssertionError("typed '" + command + "' three times on the console; the serial port never showed "
                        + String.join(" or ", markers) + "; serial log ends with:\n" + tail(read(serialLog)), e);
                System.out.println("[e2e] '" + command + "' not answered on the serial port after 25 s; typing it again");
            }
        }
    }

    private static String tail(String text) {
        return text.length() <= 1500 ? text : text.substring(text.length() - 1500);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String token() {
        SecureRandom r = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) s.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
        return s.toString();
    }
}
