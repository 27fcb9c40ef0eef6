package org.vmstation.engine.power;

/**
 * What a change did: the state the guest now reads, and whether the guest was told at once. {@code message}
 * says how it was told, or why it was not (no event line on this machine type, VM not running, ...).
 */
public record ChangeResult(PowerState state, boolean notified, String message) {}
