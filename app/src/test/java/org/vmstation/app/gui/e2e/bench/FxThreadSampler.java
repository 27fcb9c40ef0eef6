package org.vmstation.app.gui.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A poor man's profiler for one thread: takes its stack every few milliseconds while {@link #run} runs and, for
 * every method that appears, counts the samples in which the thread was running inside it. Good enough to say
 * where the JavaFX thread's time goes, with no agent.
 */
final class FxThreadSampler {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FxThreadSampler() {}

    /** Samples thread {@code id} every {@code periodMs} for {@code durationMs}; prints the top {@code top} methods. */
    static void run(long id, long durationMs, long periodMs, int top, String title) throws InterruptedException {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        int running = 0, samples = 0;
        long end = System.currentTimeMillis() + durationMs;
        while (System.currentTimeMillis() < end) {
            ThreadInfo info = THREADS.getThreadInfo(id, 200);
            samples++;
            if (info != null && info.getThreadState() == Thread.State.RUNNABLE && info.getStackTrace().length > 0
                    && !isIdle(info.getStackTrace()[0])) {
                running++;
                StackTraceElement leaf = info.getStackTrace()[0];
                innermost.merge(leaf.getClassName() + "." + leaf.getMethodName(), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (StackTraceElement f : info.getStackTrace()) {
                    String m = f.getClassName() + "." + f.getMethodName();
                    if (seen.add(m)) inclusive.merge(m, 1, Integer::sum);
                }
            }
            Thread.sleep(periodMs);
        }
        System.out.printf("--- %s: %d samples, %d with the JavaFX thread busy; methods by share of busy samples:%n", title, samples, running);
        int total = Math.max(1, running);
        inclusive.entrySet().stream()
                .filter(e -> e.getKey().startsWith("org.vmstation") || e.getKey().startsWith("javafx.") || e.getKey().startsWith("com.sun.javafx"))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
        // native frames (GTK, X) show as busy too, though they may be waiting: thread CPU time is the true figure
        System.out.printf("  innermost frames (the method running when sampled):%n");
        innermost.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(Math.max(5, top / 3))
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    /** The GTK event loop waiting for events counts as idle although the JVM calls it RUNNABLE. */
    private static boolean isIdle(StackTraceElement top) {
        return top.getMethodName().equals("_runLoop") || top.getMethodName().contains("wait") || top.getMethodName().equals("park");
    }
}
