package org.vmstation.engine.power.policy;

import java.util.Optional;

/** Which running VMs a rule acts on. */
public sealed interface PolicyTarget {
    /** @param foregroundVmId the VM the user has in front of them (the window's selection), if any */
    boolean matches(PolicyVm vm, Optional<String> foregroundVmId);

    /** "all running VMs", "background VMs", "VMs tagged build". */
    String describe();

    record AllRunning() implements PolicyTarget {
        @Override public boolean matches(PolicyVm vm, Optional<String> foreground) { return true; }
        @Override public String describe() { return "all running VMs"; }
    }

    /** Every running VM except the one shown in the foreground. */
    record Background() implements PolicyTarget {
        @Override public boolean matches(PolicyVm vm, Optional<String> foreground) { return !foreground.map(vm.id()::equals).orElse(false); }
        @Override public String describe() { return "background VMs"; }
    }

    /** Running VMs carrying {@code tag} (compared without regard to case). */
    record Tagged(String tag) implements PolicyTarget {
        public Tagged {
            if (tag == null || tag.isBlank()) throw new IllegalArgumentException("a tag target needs a tag, not an empty text");
            tag = tag.strip();
        }
        @Override public boolean matches(PolicyVm vm, Optional<String> foreground) { return vm.tags().stream().anyMatch(tag::equalsIgnoreCase); }
        @Override public String describe() { return "VMs tagged " + tag; }
    }
}
