package org.vmstation.engine.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A replayable power scenario, read from a small text file: one step per line, {@code TIME KEY=VALUE...},
 * times in seconds from the start; {@code T0-T1 charge=A..B} ramps the charge one whole percent at a time,
 * evenly over that interval. Keys: {@code charge} (0-100), {@code status} (charging|discharging|idle),
 * {@code ac} (on|off), {@code lid} (open|closed), {@code rate} (mW), {@code press} (sleep|power). {@code #}
 * starts a comment. Example:
 *
 * <pre>
 * 0     charge=80 status=charging ac=on lid=open
 * 5     ac=off status=discharging rate=15000
 * 6-46  charge=79..70
 * 50    lid=closed
 * 56    lid=open
 * </pre>
 */
public record PowerScenario(List<Step> steps) {
    public static final int MAX_LINES = 10_000;
    public static final int MAX_LINE_LENGTH = 1_000;
    public static final double MAX_SECONDS = 7 * 24 * 3600;

    /** One change at {@code atMillis} from the start. */
    public record Step(long atMillis, String description, UnaryOperator<PowerState> edit, Press press) {}

    public enum Press { NONE, SLEEP, POWER }

    public PowerScenario {
        steps = steps.stream().sorted(Comparator.comparingLong(Step::atMillis)).toList();
    }

    public static PowerScenario read(Path file) throws IOException {
        if (Files.size(file) > (long) MAX_LINES * MAX_LINE_LENGTH) {
            throw new IOException("scenario " + file + " is larger than " + (MAX_LINES * MAX_LINE_LENGTH) + " bytes");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** @param origin the file name used in errors */
    public static PowerScenario parse(String text, String origin) throws IOException {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES) throw new IOException(origin + ": more than " + MAX_LINES + " lines");
        for (int i = 0; i < lines.length; i++) {
            String where = origin + " line " + (i + 1);
            String line = lines[i];
            if (line.length() > MAX_LINE_LENGTH) throw new IOException(where + ": longer than " + MAX_LINE_LENGTH + " characters");
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String[] words = line.split("\\s+");
            if (words.length < 2) throw new IOException(where + ": '" + line + "' has a time but no change; expected TIME KEY=VALUE...");
            try {
                parseLine(words, steps);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        if (steps.isEmpty()) throw new IOException(origin + ": no steps; expected lines like '0 charge=80 ac=on'");
        return new PowerScenario(steps);
    }

    /** The state at the start: {@code base} with every step at time 0 applied. */
    public PowerState initialState(PowerState base) {
        PowerState s = base;
        for (Step step : steps) if (step.atMillis() == 0) s = step.edit().apply(s);
        return s;
    }

    public long durationMillis() {
        return steps.isEmpty() ? 0 : steps.getLast().atMillis();
    }

    private static void parseLine(String[] words, List<Step> steps) {
        String time = words[0];
        int dash = time.indexOf('-', 1);
        if (dash > 0) {
            long from = millis(time.substring(0, dash));
            long to = millis(time.substring(dash + 1));
            if (to <= from) throw new IllegalArgumentException("ramp '" + time + "' ends before it starts");
            if (words.length != 2 || !words[1].startsWith("charge=") || !words[1].contains("..")) {
                throw new IllegalArgumentException("a time range takes exactly one ramp 'charge=FROM..TO', not '"
                        + String.join(" ", List.of(words).subList(1, words.length)) + "'");
            }
            String[] ends = words[1].substring("charge=".length()).split("\\.\\.", -1);
            int a = percent(ends[0]);
            int b = percent(ends.length == 2 ? ends[1] : "");
            int n = Math.abs(b - a);
            for (int k = 0; k <= n; k++) {
                int p = a + (b > a ? k : -k);
                long at = n == 0 ? from : from + (to - from) * k / n;
                steps.add(new Step(at, "charge " + p + " %", s -> s.withChargePercent(p), Press.NONE));
            }
            return;
        }
        long at = millis(time);
        UnaryOperator<PowerState> edit = s -> s;
        Press press = Press.NONE;
        List<String> said = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("'" + w + "' is not KEY=VALUE");
            String key = w.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = w.substring(eq + 1).toLowerCase(Locale.ROOT);
            UnaryOperator<PowerState> one = switch (key) {
                case "charge" -> { int p = percent(value); yield s -> s.withChargePercent(p); }
                case "status" -> { BatteryStatus st = BatteryStatus.parse(value); yield s -> s.withStatus(st); }
                case "ac" -> { boolean on = onOff(value, "on", "off", "ac"); yield s -> s.withAcOnline(on); }
                case "lid" -> { boolean open = onOff(value, "open", "closed", "lid"); yield s -> s.withLidOpen(open); }
                case "rate" -> {
                    long r = number(value, "rate");
                    if (r < 0) throw new PowerValueException("battery rate " + r + " mW is negative: expected 0 or more");
                    yield s -> s.withRate(r);
                }
                case "press" -> {
                    press = switch (value) {
                        case "sleep" -> Press.SLEEP;
                        case "power" -> Press.POWER;
                        default -> throw new IllegalArgumentException("press=" + value + ": expected sleep or power");
                    };
                    yield s -> s;
                }
                default -> throw new IllegalArgumentException("unknown key '" + key + "': expected charge, status, ac, lid, rate or press");
            };
            UnaryOperator<PowerState> before = edit;
            edit = s -> one.apply(before.apply(s));
            said.add(key + " " + value);
        }
        steps.add(new Step(at, String.join(", ", said), edit, press));
    }

    private static long millis(String t) {
        String v = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
        double seconds;
        try {
            seconds = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time '" + t + "' is not a number of seconds");
        }
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException("time '" + t + "' is out of range: expected 0 to " + (long) MAX_SECONDS + " s");
        }
        return Math.round(seconds * 1000);
    }

    private static int percent(String v) {
        long p = number(v, "charge");
        if (p < 0 || p > 100) throw new PowerValueException("battery charge " + p + " % is out of range: expected 0 to 100");
        return (int) p;
    }

    private static long number(String v, String key) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
    }

    private static boolean onOff(String v, String yes, String no, String key) {
        if (v.equals(yes)) return true;
        if (v.equals(no)) return false;
        throw new IllegalArgumentException(key + "=" + v + ": expected " + yes + " or " + no);
    }
}
