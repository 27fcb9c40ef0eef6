package org.vmstation.app.gui.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.IndexedCell;
import javafx.stage.Stage;
import org.vmstation.app.EngineContext;
import org.vmstation.app.gui.AppServices;
import org.vmstation.app.gui.Consoles;
import org.vmstation.app.gui.WorkstationApp;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;

/**
 * Library scale: JavaFX-thread CPU time to open the window (until the list shows its rows) and to filter it by a
 * search term, with a 10,000-VM library and with an empty one, alternating in the same run. The engine is opened
 * before the clock starts (that is not JavaFX-thread work); everything the window then does on the JavaFX thread
 * counts: building the scene, merging the library, the state monitor's first report, CSS, layout, rendering sync.
 *
 * <p>Usage: {@code LibraryScaleBench WORKDIR [VMS] [ROUNDS] [TERM]}; run under a display (xvfb-run).
 */
public final class LibraryScaleBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long fxThread;

    private LibraryScaleBench() {}

    record Figures(double openMs, double filterMs, double worstKeystrokeMs, double idleMsPerSecond, int shown, int matched) {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-gui").toAbsolutePath();
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String term = args.length > 3 ? args[3] : "mail-09";
        Path big = BenchLibraries.withVms(work.resolve("scale-" + vms).resolve("library.db"), vms);
        Path empty = BenchLibraries.withVms(work.resolve("scale-empty").resolve("library.db"), 0);

        Platform.setImplicitExit(false);
        Platform.startup(() -> {});
        fxThread = onFx(() -> Thread.currentThread().threadId());
        List<Figures> bigRuns = new ArrayList<>(), emptyRuns = new ArrayList<>();
        System.out.println("round  library  open-ms  filter-ms  worst-key-ms  idle-ms/s  rows  matches");
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean isBig = (k == 0) == (r % 2 == 1);
                Figures f = measure(isBig ? big : empty, isBig ? vms : 0, term);
                (isBig ? bigRuns : emptyRuns).add(f);
                System.out.printf(Locale.ROOT, "%5d  %7s  %7.1f  %9.1f  %12.1f  %9.1f  %4d  %7d%n", r + 1, isBig ? vms + "" : "empty",
                        f.openMs(), f.filterMs(), f.worstKeystrokeMs(), f.idleMsPerSecond(), f.shown(), f.matched());
            }
        }
        System.out.printf(Locale.ROOT, "median open:   %d VMs %.1f ms, empty %.1f ms of JavaFX-thread time (target < 100 ms)%n",
                vms, median(bigRuns, Figures::openMs), median(emptyRuns, Figures::openMs));
        System.out.printf(Locale.ROOT, "median filter: %d VMs %.1f ms, empty %.1f ms for '%s' at once; worst single keystroke %.1f ms vs %.1f ms%n",
                vms, median(bigRuns, Figures::filterMs), median(emptyRuns, Figures::filterMs), term,
                median(bigRuns, Figures::worstKeystrokeMs), median(emptyRuns, Figures::worstKeystrokeMs));
        System.out.printf(Locale.ROOT, "median idle:   %d VMs %.1f ms/s, empty %.1f ms/s of JavaFX-thread time with nothing to do%n",
                vms, median(bigRuns, Figures::idleMsPerSecond), median(emptyRuns, Figures::idleMsPerSecond));
        Platform.exit();
        System.exit(0);
    }

    private static Figures measure(Path library, int count, String term) throws Exception {
        try (EngineContext engine = EngineContext.open(library); ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor()) {
            AppServices services = new AppServices(engine.library(), engine.host(), executor, QemuImgDisks.onPath());
            MainWindow[] window = new MainWindow[1];
            boolean sample = System.getenv("BENCH_SAMPLE") != null; // the empty window too: it is the floor
            Thread sampler = sample ? Thread.ofPlatform().daemon().start(() -> {
                try {
                    FxThreadSampler.run(fxThread, 2500, 2, 40, "opening the window, " + count + " VMs");
                } catch (InterruptedException ignored) { /* done */ }
            }) : null;
            long[] phases = new long[2];
            long c0 = fxCpu();
            // as the launcher does: the window is built on the JavaFX thread while this thread reads the library
            var readAhead = new java.util.concurrent.CompletableFuture<org.vmstation.app.gui.library.LibraryViewModel.Prepared>();
            var opened = new java.util.concurrent.CompletableFuture<Void>();
            javafx.application.Platform.runLater(() -> {
                window[0] = WorkstationApp.open(new Stage(), services, Consoles.defaultProvider(), readAhead);
                phases[0] = fxCpu();
                // the rows are in the list (at once when the read was done before the window showed)
                window[0].library().loadedProperty().addListener((o, a, b) -> phases[1] = fxCpu());
                if (window[0].library().loadedProperty().get()) phases[1] = fxCpu();
                opened.complete(null);
            });
            readAhead.complete(org.vmstation.app.gui.library.LibraryViewModel.readAhead(services.catalog()));
            opened.get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!onFx(() -> rowsShown(window[0], count))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the window never listed the " + count + " VMs");
                Thread.sleep(2);
            }
            long shownAt = fxCpu();
            awaitPulses(2);
            double openMs = (fxCpu() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "         %5d VMs, JavaFX-thread ms: window built and shown %.1f, then rows in the list %.1f,"
                    + " rows laid out %.1f, two more pulses %.1f%n", count, (phases[0] - c0) / 1e6, (phases[1] - phases[0]) / 1e6,
                    (shownAt - phases[1]) / 1e6, (fxCpu() - shownAt) / 1e6);
            int shown = onFx(() -> window[0].library().visibleItems().size());

            if (sampler != null) sampler.join();
            // background load: the state monitor's polls and anything else while nobody touches the window
            long i0 = fxCpu(), w0 = System.nanoTime();
            if (System.getenv("BENCH_SAMPLE") != null && count > 0) FxThreadSampler.run(fxThread, 3000, 3, 25, "idle window, " + count + " VMs");
            else Thread.sleep(3000);
            double idle = (fxCpu() - i0) / 1e6 / ((System.nanoTime() - w0) / 1e9);

            long f0 = fxCpu();
            onFx(() -> { window[0].libraryView().searchField().setText(term); return null; });
            awaitPulses(2);
            double filterMs = (fxCpu() - f0) / 1e6;
            int matched = onFx(() -> window[0].library().visibleItems().size());

            onFx(() -> { window[0].libraryView().searchField().setText(""); return null; });
            awaitPulses(2);
            double worst = 0;
            for (int i = 1; i <= term.length(); i++) {
                String prefix = term.substring(0, i);
                long k0 = fxCpu();
                onFx(() -> { window[0].libraryView().searchField().setText(prefix); return null; });
                awaitPulses(2);
                worst = Math.max(worst, (fxCpu() - k0) / 1e6);
            }
            if (count > 0 && (matched == 0 || matched == count)) {
                throw new IllegalStateException("'" + term + "' matched " + matched + " of " + count + " VMs; pick a term that filters");
            }
            onFx(() -> {
                window[0].dispose();
                window[0].stage().hide();
                return null;
            });
            return new Figures(openMs, filterMs, worst, idle, shown, matched);
        }
    }

    /** The list holds every VM and, if there are any, has laid out visible rows for them. */
    private static boolean rowsShown(MainWindow window, int count) {
        if (!window.library().loadedProperty().get() || window.library().visibleItems().size() != count) return false;
        if (count == 0) return true;
        return window.libraryView().list().lookupAll(".list-cell").stream()
                .anyMatch(n -> n instanceof IndexedCell<?> c && c.getItem() != null && c.getHeight() > 0);
    }

    private static long fxCpu() { return THREADS.getThreadCpuTime(fxThread); }

    /** Returns after {@code n} whole pulses (CSS, layout, render sync) have run on the JavaFX thread. */
    private static void awaitPulses(int n) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen > n) {
                    stop();
                    done.complete(null);
                }
            }
        }.start());
        done.get(30, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> what) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(what.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static double median(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
