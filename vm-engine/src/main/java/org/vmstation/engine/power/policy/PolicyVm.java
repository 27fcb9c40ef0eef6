package org.vmstation.engine.power.policy;

import java.util.List;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/** A VM as the policy sees it: who it is, its tags, and whether it runs or is paused. */
public record PolicyVm(VmDefinition definition, VmState state) {
    public String id() { return definition.id(); }
    public String name() { return definition.name(); }
    public List<String> tags() { return definition.tags(); }
}
