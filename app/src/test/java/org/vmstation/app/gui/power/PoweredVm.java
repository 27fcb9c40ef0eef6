package org.vmstation.app.gui.power;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.PowerBackend;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.engine.runtime.VmStatus;

/**
 * The power files of a VM as its start leaves them (host record, shared region, compiled SSDT), made by the real
 * power backend in a temporary runtime folder, so the panel and the runner work on a real PowerController
 * without booting QEMU. There is no QEMU to notify, so the VM's machine type is one without power events
 * unless a test asks for q35.
 */
final class PoweredVm {
    final VmDefinition vm;
    final VmRuntimePaths paths;
    final VmHost host;

    private PoweredVm(VmDefinition vm, VmRuntimePaths paths) {
        this.vm = vm;
        this.paths = paths;
        this.host = new PathsOnlyHost(paths);
    }

    /** A VM whose devices exist; {@code settings} edits the definition (source, scenario, ...). */
    static PoweredVm start(Path dir, String machine, Consumer<VmDefinition.Builder> settings) throws Exception {
        VmDefinition.Builder b = VmDefinition.builder("laptop").osType("linux").machineType(machine).memoryMiB(256).cpus(1)
                .kernelBoot(kernel(dir)).setting(PowerSettings.ENABLED, "true");
        settings.accept(b);
        VmDefinition vm = b.build();
        Path runtime = Files.createDirectories(dir.resolve("run").resolve(vm.id()));
        VmRuntimePaths paths = new VmRuntimePaths(runtime, Files.createDirectories(dir.resolve("vms").resolve(vm.id())));
        new PowerBackend(new HostPowerReader(dir.resolve("no-host-battery")))
                .contribute(vm, new BackendContext(vm.id(), paths, null), new QemuCommandLine(Path.of("qemu-system-x86_64")));
        return new PoweredVm(vm, paths);
    }

    /**
     * A VM as a start in this process leaves it: {@code backend} made its power files and, as after QEMU's monitor
     * came up, began its configured source (attach). Nothing here needs QEMU's monitor.
     */
    static PoweredVm startedBy(PowerBackend backend, Path dir, Consumer<VmDefinition.Builder> settings) throws Exception {
        VmDefinition.Builder b = VmDefinition.builder("laptop").osType("linux").machineType("microvm").memoryMiB(256).cpus(1)
                .kernelBoot(kernel(dir)).setting(PowerSettings.ENABLED, "true");
        settings.accept(b);
        VmDefinition vm = b.build();
        VmRuntimePaths paths = new VmRuntimePaths(Files.createDirectories(dir.resolve("run").resolve(vm.id())),
                Files.createDirectories(dir.resolve("vms").resolve(vm.id())));
        BackendContext context = new BackendContext(vm.id(), paths, null);
        backend.contribute(vm, context, new QemuCommandLine(Path.of("qemu-system-x86_64")));
        backend.attach(vm, context, null);
        return new PoweredVm(vm, paths);
    }

    /** A VM that was never started: no power files. */
    static PoweredVm stopped(Path dir, boolean enabled) throws Exception {
        VmDefinition vm = VmDefinition.builder("desk").osType("linux").memoryMiB(256).cpus(1).kernelBoot(kernel(dir))
                .setting(PowerSettings.ENABLED, Boolean.toString(enabled)).build();
        VmRuntimePaths paths = new VmRuntimePaths(dir.resolve("run").resolve(vm.id()), dir.resolve("vms").resolve(vm.id()));
        return new PoweredVm(vm, paths);
    }

    /** Something to boot, so the library accepts the definition (nothing boots it here). */
    private static KernelBoot kernel(Path dir) throws java.io.IOException {
        Path k = dir.resolve("vmlinuz");
        if (!Files.exists(k)) Files.writeString(k, "not a kernel");
        return new KernelBoot(k.toString(), null, "console=ttyS0");
    }

    /** Only {@link #paths} is asked of the host by the panel; the rest is not this test's business. */
    private record PathsOnlyHost(VmRuntimePaths p) implements VmHost {
        @Override public String displayName() { return "This computer"; }
        @Override public VmStatus status(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public VmStatus start(VmDefinition vm, StartOptions options) { throw new UnsupportedOperationException(); }
        @Override public void pause(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public void resume(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public void reset(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public boolean shutdown(VmDefinition vm, Duration timeout) { throw new UnsupportedOperationException(); }
        @Override public void powerOff(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public VmRuntimePaths paths(VmDefinition vm) { return p; }
        @Override public <T> T withControl(VmDefinition vm, ControlAction<T> command) { throw new UnsupportedOperationException(); }
        @Override public AutoCloseable watch(Consumer<VmStatus> listener) { return () -> { }; }
    }

    static List<String> lines(String... l) { return List.of(l); }
}
