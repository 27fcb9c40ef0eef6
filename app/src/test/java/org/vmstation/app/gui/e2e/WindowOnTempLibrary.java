package org.vmstation.app.gui.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.EngineContext;
import org.vmstation.app.gui.AppServices;
import org.vmstation.app.gui.Consoles;
import org.vmstation.app.gui.TestWindows;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;

/**
 * The real window over a real temporary library and the real local QEMU host, wired exactly as the
 * {@code vmstation} command wires them ({@link EngineContext}), so a CLI run against the same library path sees the
 * same VMs and the same runtime directory.
 */
final class WindowOnTempLibrary implements AutoCloseable {
    final Path libraryPath;
    final EngineContext engine;
    final ThreadPoolTaskExecutor executor;
    final Stage stage;
    final MainWindow window;

    private WindowOnTempLibrary(Path libraryPath, EngineContext engine, ThreadPoolTaskExecutor executor, Stage stage, MainWindow window) {
        this.libraryPath = libraryPath;
        this.engine = engine;
        this.executor = executor;
        this.stage = stage;
        this.window = window;
    }

    static WindowOnTempLibrary open(Path dir) throws Exception {
        Path db = dir.resolve("library").resolve("library.db");
        Files.createDirectories(db.getParent());
        EngineContext engine = EngineContext.open(db);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // the application's services: Start goes through EngineContext.start (3-D fallback, state recorded) as in the app
        AppServices services = AppServices.of(engine, executor);
        MainWindow window = TestWindows.open(services, Consoles.defaultProvider());
        return new WindowOnTempLibrary(db, engine, executor, window.stage(), window);
    }

    VmLibrary library() { return engine.library(); }

    VmHost host() { return engine.host(); }

    static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /** The list item of the VM called {@code name}, if the window lists it. */
    Optional<VmItem> item(String name) throws Exception {
        return onFx(() -> window.library().allItems().stream().filter(i -> i.name().equals(name)).findFirst());
    }

    /** What the library row of {@code name} says (name, state, OS), read from the visible cell's accessible text. */
    Optional<String> rowText(FxRobot robot, String name) throws Exception {
        return onFx(() -> robot.lookup(".list-cell").queryAll().stream()
                .map(Node::getAccessibleText)
                .filter(t -> t != null && t.startsWith(name + ", "))
                .findFirst());
    }

    /** Runs {@code what} on the JavaFX thread and returns its value. */
    static <T> T onFx(Callable<T> what) throws Exception {
        if (Platform.isFxApplicationThread()) return what.call();
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(what.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Powers off what still runs, closes the window and the engine. */
    void powerOffIfRunning(VmDefinition vm) {
        try {
            if (host().status(vm).state().isActive()) host().powerOff(vm);
        } catch (Exception e) {
            System.err.println("e2e cleanup: could not power off " + vm.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            TestWindows.closeAll(window);
        } finally {
            executor.close();
            engine.close();
        }
    }
}
