package org.vmstation.app.gui.e2e.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.vmstation.app.EngineContext;
import org.vmstation.app.cli.CliRunner;
import org.vmstation.app.gui.AppServices;
import org.vmstation.app.gui.Consoles;
import org.vmstation.app.gui.WorkstationApp;
import org.vmstation.app.gui.view.MainWindow;

/**
 * Where a cold start's time goes: the steps {@code vmstation gui} takes, one after the other in a fresh JVM, each
 * with its wall and process CPU time (cold, as at a real launch: each step pays for loading its classes).
 *
 * <p>Usage: {@code ColdStartSteps LIBRARY_DIR} under a display; a folder without a library gets one with 3 VMs.
 */
public final class ColdStartSteps {
    private static long wall = System.nanoTime(), cpu = cpuNanos();

    private ColdStartSteps() {}

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        if (!java.nio.file.Files.exists(library.resolve("library.db"))) BenchLibraries.withVms(library.resolve("library.db"), 3);
        wall = System.nanoTime();
        cpu = cpuNanos();
        step("JVM start to main()", 0);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        CliRunner.run(quiet, quiet, "--version");
        step("command line: picocli model of every subcommand (--version)", 1);
        EngineContext engine = EngineContext.open(library);
        step("EngineContext.open (SQLite driver and native library, USB, host)", 1);
        engine.library().list();
        step("library.list()", 1);
        Platform.startup(() -> {});
        step("JavaFX toolkit startup", 1);
        onFx(() -> {
            Stage s = new Stage();
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(new javafx.scene.control.Label("Hello")), 300, 200));
            s.show();
            return s;
        });
        step("a Stage with a Label shown (controls, Modena CSS)", 1);
        org.vmstation.app.gui.wizard.OsPresets.bundled();
        step("OS presets (Jackson ObjectMapper, JSON)", 1);
        MainWindow[] window = new MainWindow[1];
        AppServices services = AppServices.of(engine.library(), engine.host());
        step("app services (executor, import service)", 1);
        onFx(() -> window[0] = WorkstationApp.open(new Stage(), services, Consoles.defaultProvider()));
        step("the window built and shown (FX thread)", 1);
        while (!onFx(() -> AppWindowMain.libraryRowsPainted())) Thread.sleep(1);
        step("library rows laid out", 1);
        System.exit(0);
    }

    private static void step(String what, int unused) {
        long w = System.nanoTime(), c = cpuNanos();
        if (what.startsWith("JVM")) {
            long startMs = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
            System.out.printf(Locale.ROOT, "%-62s wall %6d ms  cpu %6d ms%n", what, System.currentTimeMillis() - startMs, c / 1_000_000);
        } else {
            System.out.printf(Locale.ROOT, "%-62s wall %6d ms  cpu %6d ms%n", what, (w - wall) / 1_000_000, (c - cpu) / 1_000_000);
        }
        wall = System.nanoTime();
        cpu = cpuNanos();
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> what) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.complete(what.call());
            } catch (Throwable t) {
                r.completeExceptionally(t);
            }
        });
        return r.get(60, TimeUnit.SECONDS);
    }
}
