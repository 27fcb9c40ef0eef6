package org.vmstation.engine.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a {@link VmDefinition} can be stored and started. Every rule names the
 * field and what was expected, and all problems are reported together.
 */
public final class VmValidator {
    public static final int MAX_NAME_LENGTH = 64;
    public static final long MIN_MEMORY_MIB = 16;
    public static final int MAX_CPUS = 255;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()+-]*");
    private static final Pattern MACHINE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private VmValidator() {}

    public static List<ValidationProblem> problems(VmDefinition vm, ValidationContext ctx) {
        List<ValidationProblem> out = new ArrayList<>();
        checkName(vm, ctx, out);
        if (!MACHINE.matcher(vm.machineType()).matches()) {
            out.add(new ValidationProblem("machineType", vm.machineType(), "a QEMU machine type such as q35 or pc"));
        }
        if (vm.cpus() < 1 || vm.cpus() > Math.min(MAX_CPUS, Math.max(ctx.hostCpus(), 1) * 4)) {
            out.add(new ValidationProblem("cpus", String.valueOf(vm.cpus()),
                    "between 1 and " + Math.min(MAX_CPUS, Math.max(ctx.hostCpus(), 1) * 4) + " (this host has " + ctx.hostCpus() + " CPUs)"));
        }
        if (vm.memoryMiB() < MIN_MEMORY_MIB) {
            out.add(new ValidationProblem("memoryMiB", vm.memoryMiB() + " MiB", "at least " + MIN_MEMORY_MIB + " MiB"));
        } else if (vm.memoryMiB() > ctx.hostMemoryMiB()) {
            out.add(new ValidationProblem("memoryMiB", vm.memoryMiB() + " MiB",
                    "at most the host's " + ctx.hostMemoryMiB() + " MiB of RAM"));
        }
        checkDisks(vm, ctx, out);
        for (int i = 0; i < vm.cdroms().size(); i++) {
            String iso = vm.cdroms().get(i).isoPath();
            if (iso != null && !ctx.fileExists().test(ctx.resolve(iso))) {
                out.add(new ValidationProblem("cdroms[" + i + "].isoPath", iso, "an existing ISO image file"));
            }
        }
        if (vm.kernelBoot() != null) {
            KernelBoot kb = vm.kernelBoot();
            if (!ctx.fileExists().test(ctx.resolve(kb.kernelPath()))) {
                out.add(new ValidationProblem("kernelBoot.kernelPath", kb.kernelPath(), "an existing kernel image file"));
            }
            if (kb.initrdPath() != null && !ctx.fileExists().test(ctx.resolve(kb.initrdPath()))) {
                out.add(new ValidationProblem("kernelBoot.initrdPath", kb.initrdPath(), "an existing initrd file"));
            }
        }
        checkNetwork(vm.network(), out);
        if (new HashSet<>(vm.bootOrder()).size() != vm.bootOrder().size()) {
            out.add(new ValidationProblem("bootOrder", vm.bootOrder().toString(), "each boot device at most once"));
        }
        if (vm.kernelBoot() == null && vm.disks().isEmpty() && vm.cdroms().stream().allMatch(c -> c.isoPath() == null)
                && !vm.bootOrder().contains(BootDevice.NETWORK)) {
            out.add(new ValidationProblem("disks", "none", "a disk, an ISO image, a kernel or network boot, so the VM has something to boot"));
        }
        for (int i = 0; i < vm.tags().size(); i++) {
            String tag = vm.tags().get(i);
            if (tag.isBlank() || tag.length() > 32 || tag.contains(",")) {
                out.add(new ValidationProblem("tags[" + i + "]", tag, "1 to 32 characters without commas"));
            }
        }
        return out;
    }

    /** Throws with every problem when the definition is not valid. */
    public static void validate(VmDefinition vm, ValidationContext ctx) throws VmValidationException {
        List<ValidationProblem> p = problems(vm, ctx);
        if (!p.isEmpty()) throw new VmValidationException(vm.name(), p);
    }

    private static void checkName(VmDefinition vm, ValidationContext ctx, List<ValidationProblem> out) {
        String name = vm.name();
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            out.add(new ValidationProblem("name", name,
                    "1 to " + MAX_NAME_LENGTH + " letters, digits, spaces or . _ ( ) + -, starting with a letter or digit"));
            return;
        }
        for (Map.Entry<String, String> other : ctx.otherVmNames().entrySet()) {
            if (other.getKey().equalsIgnoreCase(name) && !other.getValue().equals(vm.id())) {
                out.add(new ValidationProblem("name", name, "a name no other VM has (another VM is already called '" + other.getKey() + "')"));
            }
        }
    }

    private static void checkDisks(VmDefinition vm, ValidationContext ctx, List<ValidationProblem> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < vm.disks().size(); i++) {
            DiskSpec d = vm.disks().get(i);
            String resolved = ctx.resolve(d.path()).toString();
            if (!seen.add(resolved)) {
                out.add(new ValidationProblem("disks[" + i + "].path", d.path(), "each disk file attached once"));
            } else if (!ctx.fileExists().test(ctx.resolve(d.path()))) {
                out.add(new ValidationProblem("disks[" + i + "].path", d.path(), "an existing disk image file"));
            }
        }
    }

    private static void checkNetwork(NetworkSpec net, List<ValidationProblem> out) {
        if (net.macAddress() != null && !MAC.matcher(net.macAddress()).matches()) {
            out.add(new ValidationProblem("network.macAddress", net.macAddress(), "six hex pairs like 52:54:00:12:34:56"));
        }
        Set<String> hostPorts = new HashSet<>();
        for (int i = 0; i < net.forwards().size(); i++) {
            PortForward f = net.forwards().get(i);
            if (net.mode() != NetworkSpec.Mode.NAT) {
                out.add(new ValidationProblem("network.forwards[" + i + "]", f.toString(), "no port forwards when the network mode is NONE"));
            }
            if (f.hostPort() < 1 || f.hostPort() > 65535) {
                out.add(new ValidationProblem("network.forwards[" + i + "].hostPort", String.valueOf(f.hostPort()), "a port between 1 and 65535"));
            }
            if (f.guestPort() < 1 || f.guestPort() > 65535) {
                out.add(new ValidationProblem("network.forwards[" + i + "].guestPort", String.valueOf(f.guestPort()), "a port between 1 and 65535"));
            }
            if (!hostPorts.add(f.protocol() + ":" + f.hostAddress() + ":" + f.hostPort())) {
                out.add(new ValidationProblem("network.forwards[" + i + "].hostPort", String.valueOf(f.hostPort()), "each host port forwarded once"));
            }
        }
    }
}
