package org.vmstation.app.gui.e2e.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start: time from launching a fresh JVM to the first painted window, for {@code vmstation --library L gui}
 * (through {@link AppWindowMain}, L holding a few VMs) and for a minimal JavaFX window ({@link MinimalWindowMain}),
 * in alternating rounds of the same run on the same JVM, flags and class path. Prints each round, the medians and
 * their ratio (target: the app at most 2x the minimal window).
 *
 * <p>Usage: {@code ColdStartBench CLASSPATH WORKDIR [ROUNDS]}; run under a display (xvfb-run).
 */
public final class ColdStartBench {
    private ColdStartBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColdStartBench CLASSPATH WORKDIR [ROUNDS]");
            System.exit(2);
        }
        String classPath = args[0];
        Path work = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path library = BenchLibraries.withVms(work.resolve("cold-start-library").resolve("library.db"), 3);
        Path runtime = Files.createDirectories(work.resolve("runtime"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // BENCH_JAVA_OPTS: extra JVM options for every launch ("%s" becomes the program's name, e.g. for a CDS archive)
        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").strip();
        boolean direct = System.getenv("BENCH_PICOCLI") != null;
        // BENCH_TRAIN_JAVA_OPTS: one untimed launch of each program with these options first (an AOT cache's training run)
        String train = System.getenv().getOrDefault("BENCH_TRAIN_JAVA_OPTS", "").strip();
        if (!train.isEmpty()) {
            timeToFirstPaint(command(java, train, "minimal", classPath, MinimalWindowMain.class.getName()), runtime, work.resolve("minimal-train.log"));
            timeToFirstPaint(command(java, train, "app", classPath, AppWindowMain.class.getName(), "--library", library.getParent().toString(), "gui"),
                    runtime, work.resolve("app-train.log"));
            if (direct) {
                timeToFirstPaint(command(java, train, "picocli", classPath, AppWindowPicocliMain.class.getName(), "--library",
                        library.getParent().toString(), "gui"), runtime, work.resolve("picocli-train.log"));
            }
        }
        List<Double> directWall = new ArrayList<>(), directCpu = new ArrayList<>();
        List<Double> app = new ArrayList<>(), minimal = new ArrayList<>(), appCpu = new ArrayList<>(), minimalCpu = new ArrayList<>();
        List<Launch> appRuns = new ArrayList<>(), minimalRuns = new ArrayList<>();
        System.out.println("round  minimal-ms  app-ms   minimal-cpu-ms  app-cpu-ms   (order)");
        for (int r = 0; r < rounds; r++) {
            boolean appFirst = r % 2 == 1;
            Launch m = null, a = null;
            for (int k = 0; k < 2; k++) {
                boolean runApp = (k == 0) == appFirst;
                List<String> cmd = runApp
                        ? command(java, opts, "app", classPath, AppWindowMain.class.getName(), "--library", library.getParent().toString(), "gui")
                        : command(java, opts, "minimal", classPath, MinimalWindowMain.class.getName());
                Launch l = timeToFirstPaint(cmd, runtime, work.resolve((runApp ? "app" : "minimal") + "-" + r + ".log"));
                if (runApp) a = l; else m = l;
            }
            if (direct) {
                Launch d = timeToFirstPaint(command(java, opts, "picocli", classPath, AppWindowPicocliMain.class.getName(),
                        "--library", library.getParent().toString(), "gui"), runtime, work.resolve("picocli-" + r + ".log"));
                directWall.add(d.wallMs());
                directCpu.add(d.cpuMs());
                System.out.printf(Locale.ROOT, "       through picocli: %.0f ms, CPU %.0f ms%n", d.wallMs(), d.cpuMs());
            }
            appRuns.add(a);
            minimalRuns.add(m);
            app.add(a.wallMs());
            minimal.add(m.wallMs());
            appCpu.add(a.cpuMs());
            minimalCpu.add(m.cpuMs());
            System.out.printf(Locale.ROOT, "%5d  %10.0f  %6.0f   %14.0f  %10.0f   (%s)%n", r + 1, m.wallMs(), a.wallMs(), m.cpuMs(), a.cpuMs(),
                    appFirst ? "app first" : "minimal first");
        }
        double ma = median(app), mm = median(minimal);
        System.out.printf(Locale.ROOT, "median: minimal window %.0f ms, VMStation window %.0f ms, ratio %.2fx (target <= 2x)%n", mm, ma, ma / mm);
        double ca = median(appCpu), cm = median(minimalCpu);
        System.out.printf(Locale.ROOT, "median CPU time until painted (all threads): minimal %.0f ms, VMStation %.0f ms, ratio %.2fx%n", cm, ca, ca / cm);
        if (direct) {
            System.out.printf(Locale.ROOT, "median through the picocli command line (as before the direct launch): %.0f ms (ratio %.2fx), CPU %.0f ms (ratio %.2fx)%n",
                    median(directWall), median(directWall) / mm, median(directCpu), median(directCpu) / cm);
        }
        for (var e : List.of(Map.entry("minimal", minimalRuns), Map.entry("VMStation", appRuns))) {
            List<Launch> runs = e.getValue();
            System.out.printf(Locale.ROOT, "median phases, %-9s: main() at %.0f ms, toolkit up %.0f ms, window shown %.0f ms, painted %.0f ms%n", e.getKey(),
                    median(runs.stream().map(Launch::mainMs).toList()), median(runs.stream().map(Launch::toolkitMs).toList()),
                    median(runs.stream().map(Launch::shownMs).toList()), median(runs.stream().map(Launch::wallMs).toList()));
        }
    }

    /** Wall time from launch to the first painted frame, and the process's CPU time by then. */
    record Launch(double wallMs, double cpuMs, double mainMs, double toolkitMs, double shownMs) {}

    /** Launches {@code cmd} and measures it until it reports its first painted frame. */
    static Launch timeToFirstPaint(List<String> cmd, Path runtime, Path stderr) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().put("VMSTATION_RUNTIME_DIR", runtime.toString());
        Instant t0 = Instant.now();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(FirstPaintProbe.MARKER)) {
                    String[] f = line.substring(FirstPaintProbe.MARKER.length()).strip().split(" ");
                    long startMicros = t0.getEpochSecond() * 1_000_000L + t0.getNano() / 1000;
                    p.waitFor(180, TimeUnit.SECONDS); // an AOT cache or CDS archive is written at exit
                    return new Launch((Long.parseLong(f[0]) - startMicros) / 1000.0, Long.parseLong(f[1]) / 1000.0,
                            phase(f[2], startMicros), phase(f[3], startMicros), phase(f[4], startMicros));
                }
            }
        } finally {
            p.destroyForcibly();
        }
        throw new IllegalStateException("'" + String.join(" ", cmd.subList(1, cmd.size())) + "' ended (exit "
                + p.waitFor() + ") without painting a window; see " + stderr);
    }

    private static List<String> command(String java, String opts, String name, String classPath, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java));
        if (!opts.isEmpty()) for (String o : opts.split("\\s+")) cmd.add(o.replace("%s", name));
        cmd.addAll(List.of("-cp", classPath, main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code name=<epoch µs>} as milliseconds after the launch. */
    private static double phase(String field, long startMicros) {
        return (Long.parseLong(field.substring(field.indexOf('=') + 1)) - startMicros) / 1000.0;
    }

    static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
