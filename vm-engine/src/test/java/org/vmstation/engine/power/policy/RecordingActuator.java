package org.vmstation.engine.power.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/** An actuator over VMs held in memory: it changes their state as a host would and records every call. */
final class RecordingActuator implements PolicyActuator {
    final Map<String, PolicyVm> vms = new LinkedHashMap<>();
    final Map<String, Integer> caps = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    String failPauseOf;

    PolicyVm add(String id, VmState state, String... tags) {
        VmDefinition d = VmDefinition.builder(id).id(id).tags(List.of(tags)).build();
        PolicyVm vm = new PolicyVm(d, state);
        vms.put(id, vm);
        return vm;
    }

    VmState state(String id) { return vms.get(id).state(); }

    void setState(String id, VmState s) { vms.put(id, new PolicyVm(vms.get(id).definition(), s)); }

    @Override public List<PolicyVm> activeVms() { return vms.values().stream().filter(v -> v.state().isActive()).toList(); }

    @Override
    public void pause(PolicyVm vm) throws Exception {
        calls.add("pause " + vm.id());
        if (vm.id().equals(failPauseOf)) throw new Exception("QMP stop failed: monitor gone");
        setState(vm.id(), VmState.PAUSED);
    }

    @Override
    public void resume(PolicyVm vm) {
        calls.add("resume " + vm.id());
        setState(vm.id(), VmState.RUNNING);
    }

    @Override
    public void capCpu(PolicyVm vm, int percent) {
        calls.add("cap " + vm.id() + " " + percent);
        caps.put(vm.id(), percent);
    }

    @Override
    public void clearCpuCap(PolicyVm vm) {
        calls.add("uncap " + vm.id());
        caps.remove(vm.id());
    }

    @Override
    public SuspendOutcome suspendToDisk(PolicyVm vm) throws Exception {
        calls.add("suspend " + vm.id());
        setState(vm.id(), VmState.PAUSED);
        return new SuspendOutcome(false, "paused instead");
    }
}
