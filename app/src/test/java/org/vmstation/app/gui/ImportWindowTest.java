package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.importer.service.ImportFixtures;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;

/** Dropping a real OVA (a corpus OVF with a real streamOptimized disk) on the window leads through the preview to a new, selected VM. */
@Tag("gui")
class ImportWindowTest extends FxRobot {
    @TempDir Path dir;
    private WindowOnRecordingHost app;
    private VmLibrary library;
    private MainWindow window;

    @BeforeEach
    void open() throws Exception {
        app = WindowOnRecordingHost.open(dir, TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of("prod"), ""));
        library = app.library;
        window = app.window;
        waitFor(() -> list().getItems().size() == 1);
    }

    @AfterEach
    void close() throws Exception {
        app.close();
    }

    @SuppressWarnings("unchecked")
    private ListView<VmItem> list() { return (ListView<VmItem>) lookup("#library-list").queryAs(ListView.class); }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    private Path ova(String corpusOvf, String name) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve(corpusOvf), src.resolve(name + ".ovf"));
        var plan = org.vmstation.engine.importer.ImporterRegistry.standard().read(ovf);
        Map<String, Path> members = new LinkedHashMap<>();
        members.put(name + ".ovf", ovf);
        int pattern = 0x51;
        for (var vm : plan.vms()) {
            for (var disk : vm.disks()) {
                Path image = ImportFixtures.image(disk.file(), "vmdk-stream", pattern++);
                members.put(src.relativize(image).toString(), image);
            }
        }
        return ImportFixtures.ova(dir.resolve(name + ".ova"), members, true);
    }

    @Test
    void droppingAnOvaShowsThePreviewAndImportsTheVmSelected() throws Exception {
        Path ova = ova("ovf/vmware-vcenter-vmx07-winxp-multinic.ovf", "xp");
        assertThat(lookup("#tool-import").queryAs(Button.class).isDisabled()).isFalse();
        interact(() -> window.importFiles(List.of(ova)));
        waitFor(() -> window.importFlow().openDialog() != null && window.importFlow().openDialog().isShowing());
        String[] text = new String[1];
        interact(() -> text[0] = allText(window.importFlow().openDialog().getDialogPane().getContent()));
        assertThat(text[0]).contains("Disk 1").contains("Disk 2").contains("disk1.qcow2").contains("Dropped").contains("NIC 2");
        Screenshots.save(window.importFlow().openDialog().getDialogPane().getScene(), "import-preview-ova");
        clickOn("#import-confirm");
        waitFor(() -> library.list().size() == 2);
        VmEntry imported = library.list().stream().filter(e -> !e.name().equals("Web server")).findFirst().orElseThrow();
        assertThat(imported.definition().disks()).hasSize(2);
        for (var d : imported.definition().disks()) assertThat(library.vmFolder(imported.id()).resolve(d.path())).isRegularFile();
        waitFor(() -> {
            VmItem selected = list().getSelectionModel().getSelectedItem();
            return selected != null && selected.id().equals(imported.id()) && list().getSelectionModel().getSelectedItems().size() == 1;
        });
        // the details pane finds the converted disks in the VM's folder
        waitFor(() -> {
            String[] shown = new String[1];
            interact(() -> shown[0] = allText(window.stage().getScene().getRoot()));
            return shown[0].contains("disk2.qcow2") && shown[0].contains("on disk") && !shown[0].contains("missing");
        });
        Screenshots.save(window.stage().getScene(), "import-done-selected");
    }

    @Test
    void cancellingThePreviewWritesNothing() throws Exception {
        Path ova = ova("ovf/vmware-ovftool-4.0-ttylinux.ovf", "tty");
        interact(() -> window.importFiles(List.of(ova)));
        waitFor(() -> window.importFlow().openDialog() != null && window.importFlow().openDialog().isShowing());
        clickOn("#import-cancel");
        waitFor(() -> window.importFlow().openDialog() == null);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertThat(library.list()).hasSize(1);
        assertThat(ImportFixtures.filesUnder(library).stream().filter(p -> p.toString().endsWith(".qcow2")).toList()).isEmpty();
    }

    @Test
    void aFileThatIsNotAVmIsReportedInANotification() throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.txt"), "shopping list");
        interact(() -> window.importFiles(List.of(junk)));
        waitFor(() -> window.notifications().notifications().stream().anyMatch(n -> n.toString().contains("notes.txt")));
        assertThat(library.list()).hasSize(1);
    }

    private static String allText(Node n) {
        StringBuilder sb = new StringBuilder();
        if (n instanceof Labeled l) sb.append(l.getText()).append('\n');
        if (n instanceof javafx.scene.Parent p) for (Node c : p.getChildrenUnmodifiable()) sb.append(allText(c));
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) sb.append(allText(sp.getContent()));
        return sb.toString();
    }
}
