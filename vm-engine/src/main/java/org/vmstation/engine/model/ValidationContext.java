package org.vmstation.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the validator needs to know about the world: host resources, the other VMs' names, which files exist.
 *
 * @param hostMemoryMiB  physical RAM of the host that will run the VM
 * @param hostCpus       logical CPUs of that host
 * @param otherVmNames   name → id of every other VM in the library (to refuse duplicates)
 * @param vmFolder       the VM's own folder, against which relative disk paths resolve (may be null)
 * @param fileExists     whether a file exists (replaceable so remote hosts can answer for their disks)
 */
public record ValidationContext(long hostMemoryMiB, int hostCpus, Map<String, String> otherVmNames, Path vmFolder,
                                Predicate<Path> fileExists) {

    public ValidationContext {
        otherVmNames = otherVmNames == null ? Map.of() : Map.copyOf(otherVmNames);
        fileExists = fileExists == null ? Files::isRegularFile : fileExists;
    }

    /** The local host's resources as the JVM sees them. */
    public static ValidationContext localHost(Map<String, String> otherVmNames, Path vmFolder) {
        return new ValidationContext(HostResources.totalMemoryMiB(), Runtime.getRuntime().availableProcessors(),
                otherVmNames, vmFolder, Files::isRegularFile);
    }

    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || vmFolder == null ? p : vmFolder.resolve(p);
    }
}
