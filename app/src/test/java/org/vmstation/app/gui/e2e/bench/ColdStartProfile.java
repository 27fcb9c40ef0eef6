package org.vmstation.app.gui.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the JavaFX thread's time goes in one cold start: runs {@link AppWindowMain} (same arguments) with a sampler
 * that takes the JavaFX thread's stack every 2 ms from the moment the toolkit's thread exists until the first paint,
 * then prints the methods by share of busy samples ({@code org.vmstation} and JavaFX frames) and, per sample, the
 * outermost {@code org.vmstation} method, so a start's cost can be pinned on the code that asked for it.
 */
public final class ColdStartProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, Integer> INCLUSIVE = new HashMap<>();
    private static final Map<String, Integer> LEAF = new HashMap<>();
    private static final Map<String, Integer> OURS = new HashMap<>();
    private static volatile int busy;

    private ColdStartProfile() {}

    public static void main(String[] args) {
        Thread sampler = new Thread(ColdStartProfile::sample, "cold-start-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(ColdStartProfile::print));
        AppWindowMain.main(args);
    }

    private static void sample() {
        long fx = -1;
        try {
            while (fx < 0) {
                for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals(System.getProperty("profile.thread", "JavaFX Application Thread"))) fx = t.threadId();
                if (fx < 0) Thread.sleep(2);
            }
            while (true) {
                ThreadInfo info = THREADS.getThreadInfo(fx, 400);
                if (info == null) return;
                StackTraceElement[] st = info.getStackTrace();
                if (info.getThreadState() == Thread.State.RUNNABLE && st.length > 0 && !st[0].getMethodName().equals("_runLoop")) {
                    synchronized (INCLUSIVE) {
                        busy++;
                        Set<String> seen = new HashSet<>();
                        for (StackTraceElement f : st) {
                            String m = f.getClassName() + "." + f.getMethodName();
                            if (seen.add(m)) INCLUSIVE.merge(m, 1, Integer::sum);
                        }
                        LEAF.merge(st[0].getClassName() + "." + st[0].getMethodName(), 1, Integer::sum);
                        for (StackTraceElement f : st) {
                            if (f.getClassName().startsWith("org.vmstation") && !f.getClassName().contains("$$Lambda")) {
                                OURS.merge(f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":" + f.getLineNumber(), 1, Integer::sum);
                                break;
                            }
                        }
                    }
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print() {
        synchronized (INCLUSIVE) {
            int total = Math.max(1, busy);
            System.err.printf(Locale.ROOT, "--- JavaFX thread until painted: %d busy samples (2 ms apart)%n", busy);
            INCLUSIVE.entrySet().stream().filter(e -> e.getValue() * 100 >= total)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(120)
                    .forEach(e -> System.err.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
            System.err.println("--- by the innermost org.vmstation line");
            OURS.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(50)
                    .forEach(e -> System.err.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
            System.err.println("--- innermost");
            LEAF.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                    .forEach(e -> System.err.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
        }
    }
}
