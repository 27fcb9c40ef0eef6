package org.vmstation.engine.power;

/**
 * Where a VM's power values come from: set by hand, following the host's own battery, or a replayed scenario.
 * A source pushes changes through the {@link PowerController} it is started with; sources that run over time
 * use their own daemon thread and stop on {@link #close()}.
 */
public interface PowerSource extends AutoCloseable {
    /** {@code manual}, {@code host} or {@code script}: the value of the {@code power.source} setting. */
    String name();

    /** The state the VM starts with. */
    PowerState initialState();

    /** Starts feeding changes; returns at once. */
    void start(PowerController controller);

    @Override
    void close();
}
