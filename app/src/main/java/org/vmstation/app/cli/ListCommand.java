package org.vmstation.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.LibraryQuery;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", aliases = "ls", description = "List the VMs in the library with their state.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Option(names = "--json", description = "Print JSON for scripts.") boolean json;
    @Option(names = {"-s", "--search"}, paramLabel = "TEXT", description = "Only VMs whose name, OS, tags or notes contain TEXT.") String search;
    @Option(names = "--tag", paramLabel = "TAG", description = "Only VMs with this tag.") String tag;
    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "NAME", description = "Sort by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LibraryQuery.SortKey sort;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            List<VmEntry> entries = ctx.library().list(new LibraryQuery(search, Set.of(), tag, sort, false));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VmEntry e : entries) rows.add(VmSummary.of(e, Cli.refresh(ctx, e)));
            var out = root.spec.commandLine().getOut();
            if (json) {
                Cli.printJson(out, rows);
            } else if (rows.isEmpty()) {
                out.println("No VMs in the library. Create one with `vmstation create NAME` or try `vmstation demo`.");
            } else {
                out.printf("%-24s %-10s %-" + OS_WIDTH + "s %5s %8s%n", "NAME", "STATE", "OS", "CPUS", "MEMORY");
                for (int i = 0; i < rows.size(); i++) {
                    Map<String, Object> r = rows.get(i);
                    out.printf("%-24s %-10s %-" + OS_WIDTH + "s %5s %7sM%n", r.get("name"), r.get("state"),
                            fit(VmSummary.osLabel(entries.get(i).definition()), OS_WIDTH), r.get("cpus"), r.get("memoryMiB"));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Wide enough for most exact OS names ("Debian 11 (bullseye)"); a longer one is cut so the columns stay aligned. */
    private static final int OS_WIDTH = 22;

    private static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    static String stateName(VmStatus s) { return s.state().name().toLowerCase(Locale.ROOT); }
}
