package org.vmstation.engine.storage;

/** Lets one thread ask a long disk operation running on another to stop. */
public final class CancellationToken {
    private volatile boolean cancelled;

    public static CancellationToken none() { return new CancellationToken(); }

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }
}
