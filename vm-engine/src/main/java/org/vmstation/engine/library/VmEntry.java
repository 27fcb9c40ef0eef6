package org.vmstation.engine.library;

import java.time.Instant;
import java.util.Objects;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/**
 * One VM as the library stores it: the definition plus what the library remembers about it.
 *
 * @param definition     the full definition, exactly as last added or updated (tags as last set)
 * @param lastKnownState the state last recorded by any VMStation process; may be stale after a crash
 * @param createdAt      when the VM was added to the library
 * @param lastRunAt      when it last entered {@link VmState#RUNNING}, or null if it never ran
 * @param stateChangedAt when {@code lastKnownState} was recorded (the creation time until the first change)
 */
public record VmEntry(VmDefinition definition, VmState lastKnownState, Instant createdAt, Instant lastRunAt,
                      Instant stateChangedAt) {
    public VmEntry {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(lastKnownState, "lastKnownState");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public String id() { return definition.id(); }

    public String name() { return definition.name(); }
}
