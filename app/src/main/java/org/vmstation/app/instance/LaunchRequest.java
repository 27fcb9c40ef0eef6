package org.vmstation.app.instance;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a launch of the window asks for: files to import and a VM to start. A second launch hands its request
 * to the window already open; the first launch handles its own.
 *
 * @param files   files to import, absolute
 * @param startVm the name (or id) of a VM to start, or null
 */
public record LaunchRequest(List<Path> files, String startVm) {
    public LaunchRequest {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        for (Path f : files) {
            if (!f.isAbsolute()) throw new IllegalArgumentException("launch request file must be absolute: " + f);
        }
        startVm = startVm == null || startVm.isBlank() ? null : startVm;
    }

    public static LaunchRequest empty() { return new LaunchRequest(List.of(), null); }

    /** From the command line: relative file names are resolved against the current folder. */
    public static LaunchRequest of(List<String> files, String startVm) {
        return new LaunchRequest(files.stream().map(f -> Path.of(f).toAbsolutePath().normalize()).toList(), startVm);
    }

    public boolean isEmpty() { return files.isEmpty() && startVm == null; }
}
