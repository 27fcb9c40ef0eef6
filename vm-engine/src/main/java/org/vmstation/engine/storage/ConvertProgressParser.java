package org.vmstation.engine.storage;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code qemu-img convert -p} output, {@code "    (12.34/100%)\r"}, character by character and reports
 * each percentage as a fraction 0..1. Lines are cut at {@link #MAX_LINE} characters so unexpected output
 * cannot grow memory. Shared by {@link QemuImg#convert} and the importer's/exporter's converter, so qemu-img's
 * progress is read in one place. Repeated percentages are reported once.
 */
public final class ConvertProgressParser {
    static final int MAX_LINE = 256;
    private static final Pattern PROGRESS = Pattern.compile("\\((\\d{1,3}(?:\\.\\d{1,6})?)/100%\\)");

    private final DoubleConsumer listener;
    private final StringBuilder line = new StringBuilder();
    private double last = -1;

    public ConvertProgressParser(DoubleConsumer listener) { this.listener = Objects.requireNonNull(listener, "listener"); }

    public void accept(char c) {
        if (c == '\r' || c == '\n') {
            endLine();
        } else if (line.length() < MAX_LINE) {
            line.append(c);
        }
    }

    public void accept(CharSequence text) {
        for (int i = 0; i < text.length(); i++) accept(text.charAt(i));
    }

    /** Reports a last line that had no line end. */
    public void finish() { endLine(); }

    private void endLine() {
        Matcher m = PROGRESS.matcher(line);
        if (m.find()) {
            double fraction = Math.clamp(Double.parseDouble(m.group(1)) / 100.0, 0.0, 1.0);
            if (fraction != last) {
                last = fraction;
                listener.accept(fraction);
            }
        }
        line.setLength(0);
    }
}
