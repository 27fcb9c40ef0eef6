package org.vmstation.engine.power;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The power sources that VM starts in this process began ({@link PowerBackend#attach}), by VM id, and the handle to
 * stop one while its VM runs. A follow-host or scenario source runs in the process that started the VM; the window's
 * Power tab uses this to hand a running VM over to another source without a restart. One registry per process
 * ({@link #process()}) matches that: a source lives exactly as long as some object of this process holds it.
 */
public final class StartedPowerSources {
    private static final StartedPowerSources PROCESS = new StartedPowerSources();

    private final Map<String, PowerSource> running = new ConcurrentHashMap<>();

    /** The registry of this process, shared by the engine's power backends and the window. */
    public static StartedPowerSources process() { return PROCESS; }

    /** A registry of its own (tests that must not see other tests' VMs). */
    public StartedPowerSources() {}

    /** Records that {@code source} now feeds {@code vmId}; a source recorded before for it is closed. */
    void started(String vmId, PowerSource source) {
        PowerSource before = running.put(vmId, source);
        if (before != null && before != source) before.close();
    }

    /** Forgets {@code source} if it is the one recorded for {@code vmId} (the VM ended); the caller closes it. */
    void ended(String vmId, PowerSource source) {
        running.remove(vmId, source);
    }

    /**
     * The {@code power.source} value ({@code manual}, {@code host}, {@code script}) of the source this process
     * started with {@code vmId}; empty when none runs here (the VM was started elsewhere, or it was stopped).
     */
    public Optional<String> running(String vmId) {
        return Optional.ofNullable(running.get(vmId)).map(PowerSource::name);
    }

    /**
     * Stops the source this process started with {@code vmId}: it sends no more changes once this returns, and the
     * values stay where it left them. Answers whether one was running.
     */
    public boolean stop(String vmId) {
        PowerSource source = running.get(vmId);
        return source != null && stop(vmId, source);
    }

    /** Stops {@code source} if it is the one recorded for {@code vmId}. */
    boolean stop(String vmId, PowerSource source) {
        if (!running.remove(vmId, source)) return false;
        source.close();
        return true;
    }
}
