package org.vmstation.app.gui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

/**
 * A host that keeps VM states in memory and records the calls made to it, for tests of the window's state
 * handling that must not depend on QEMU timing. Tests that boot a guest use the real LocalQemuHost.
 */
final class RecordingHost implements VmHost {
    final Map<String, VmState> states = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Path runtime;

    RecordingHost(Path runtime) { this.runtime = runtime; }

    @Override public String displayName() { return "This computer"; }

    @Override
    public VmStatus status(VmDefinition vm) {
        return new VmStatus(vm.id(), states.getOrDefault(vm.id(), VmState.STOPPED), -1, Instant.now(), "", List.of());
    }

    @Override
    public VmStatus start(VmDefinition vm, StartOptions options) {
        calls.add("start " + vm.name());
        states.put(vm.id(), VmState.RUNNING);
        return status(vm);
    }

    @Override public void pause(VmDefinition vm) { calls.add("pause " + vm.name()); states.put(vm.id(), VmState.PAUSED); }
    @Override public void resume(VmDefinition vm) { calls.add("resume " + vm.name()); states.put(vm.id(), VmState.RUNNING); }
    @Override public void reset(VmDefinition vm) { calls.add("reset " + vm.name()); }

    @Override
    public boolean shutdown(VmDefinition vm, Duration timeout) {
        calls.add("shutdown " + vm.name());
        states.put(vm.id(), VmState.STOPPED);
        return true;
    }

    @Override public void powerOff(VmDefinition vm) { calls.add("powerOff " + vm.name()); states.put(vm.id(), VmState.STOPPED); }

    @Override public VmRuntimePaths paths(VmDefinition vm) { return new VmRuntimePaths(runtime.resolve(vm.id()), runtime.resolve("vms").resolve(vm.id())); }

    /** The monitor of every "running" VM, for tests that send QMP commands (USB); null: none. */
    volatile org.vmstation.engine.runtime.VmControl control;

    @Override
    public <T> T withControl(VmDefinition vm, ControlAction<T> command) {
        if (control == null) throw new UnsupportedOperationException("no monitor in this test");
        try {
            return command.apply(control);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override public AutoCloseable watch(Consumer<VmStatus> listener) { return () -> {}; }
}
