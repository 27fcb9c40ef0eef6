package org.vmstation.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the {@code vmstation} command line in-process against a library folder and captures what it printed. */
final class CliHarness {
    record Result(int code, String out, String err) {}

    private CliHarness() {}

    static Result run(Path library, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("--library", library.toString()), Stream.of(args)).toArray(String[]::new);
        int code = CliRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }
}
