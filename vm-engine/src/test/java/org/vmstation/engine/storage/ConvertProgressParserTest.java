package org.vmstation.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertProgressParserTest {
    @Test
    void readsProgressSplitAtAwkwardPlaces() {
        List<Double> seen = new ArrayList<>();
        ConvertProgressParser p = new ConvertProgressParser(seen::add);
        String output = "    (0.00/100%)\r    (12.50/100%)\r    (12.50/100%)\r    (100.00/100%)\r\n";
        for (String chunk : new String[] {output.substring(0, 7), output.substring(7, 20), output.substring(20, 21), output.substring(21)}) {
            p.accept(chunk);
        }
        p.finish();
        assertThat(seen).containsExactly(0.0, 0.125, 1.0);
    }

    @Test
    void ignoresGarbageAndOverlongLines() {
        List<Double> seen = new ArrayList<>();
        ConvertProgressParser p = new ConvertProgressParser(seen::add);
        p.accept("x".repeat(10_000) + "(50.00/100%)\r"); // cut at the line limit, so the progress is lost, not memory
        p.accept("(999/100%)\rhello\n(42/100%)");
        p.finish();
        assertThat(seen).containsExactly(1.0, 0.42);
    }
}
