package org.vmstation.engine.osinfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Loads the osinfo database for bench/osinfo/load.sh. Modes:
 * {@code cold-ours DIR} / {@code cold-dom DIR}: one load in this fresh JVM, printing "WALL_MS CPU_MS" of the load call
 * only (CPU: all threads of the process, so a loaded machine's waiting is left out);
 * {@code warm DIR ROUNDS}: alternating rounds of both in one JVM, printing each and the medians.
 * The DOM reference parses the same files into JDK DOM trees (DOCTYPEs refused), sequentially, and keeps nothing.
 */
public final class OsInfoLoadBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        switch (args[0]) {
            case "cold-ours" -> { long c = cpuNanos(); double w = timeOurs(root); System.out.printf("%.1f %.1f%n", w, (cpuNanos() - c) / 1e6); }
            case "cold-dom" -> { long c = cpuNanos(); double w = timeDom(root); System.out.printf("%.1f %.1f%n", w, (cpuNanos() - c) / 1e6); }
            case "process" -> System.out.println(OsInfoDatabase.load(root).all().size());
            case "warm" -> {
                int rounds = Integer.parseInt(args[2]);
                double[] ours = new double[rounds], dom = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    ours[i] = timeOurs(root);
                    dom[i] = timeDom(root);
                    System.out.printf("round %d: ours %.1f ms, dom %.1f ms%n", i + 1, ours[i], dom[i]);
                }
                System.out.printf("warm medians: ours %.1f ms, dom %.1f ms, ratio ours/dom %.2f%n", median(ours), median(dom), median(ours) / median(dom));
            }
            default -> throw new IllegalArgumentException("mode: cold-ours, cold-dom, process or warm, not " + args[0]);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double timeOurs(Path root) throws Exception {
        long t = System.nanoTime();
        OsInfoDatabase db = OsInfoDatabase.load(root);
        if (db.all().isEmpty()) throw new IllegalStateException("empty database");
        return (System.nanoTime() - t) / 1e6;
    }

    private static double timeDom(Path root) throws Exception {
        long t = System.nanoTime();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        DocumentBuilder b = f.newDocumentBuilder();
        int elements = 0;
        for (Path p : files(root)) elements += b.parse(p.toFile()).getElementsByTagName("*").getLength();
        if (elements == 0) throw new IllegalStateException("no elements");
        return (System.nanoTime() - t) / 1e6;
    }

    private static List<Path> files(Path root) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("os"), 2)) {
            s.filter(p -> p.getFileName().toString().endsWith(".xml") && p.getParent().getParent().equals(root.resolve("os"))).sorted().forEach(out::add);
        }
        return out;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
