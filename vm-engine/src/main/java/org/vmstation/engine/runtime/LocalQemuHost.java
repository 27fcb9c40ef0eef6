package org.vmstation.engine.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.model.VmValidator;
import org.vmstation.engine.qemu.QemuArgumentBuilder;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.qemu.QemuErrorTranslator;
import org.vmstation.engine.qmp.QmpStatus;

/**
 * Runs VMs as QEMU processes on this computer.
 *
 * <p>There is no supervisor daemon: QEMU itself is the long-lived part. Each VM's QEMU runs in its own session
 * (so it outlives the VMStation process that started it), holds a lock on its pid file (so it can never run
 * twice), removes that file on every orderly exit (so a leftover file means it crashed or was killed) and
 * answers on a monitor socket in the VM's private runtime folder (so any later VMStation process re-attaches
 * and reads the true state). See docs/architecture.md.
 */
public final class LocalQemuHost implements VmHost {
    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration QMP_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final String EXIT_MARKER = "exit-status";
    private static final String STOPPING_MARKER = "stopping";
    private static final String HOLD_MARKER = "hold";

    private final RuntimeDirectory runtime;
    private final Function<VmDefinition, Path> vmFolders;
    private final Supplier<QemuCapabilities> capabilities;
    private final List<DeviceBackend> backends;
    private final Map<String, VmDefinition> known = new ConcurrentHashMap<>();
    private final Map<String, VmState> lastSeen = new ConcurrentHashMap<>();
    private final Set<String> powerOffRequested = ConcurrentHashMap.newKeySet();
    private final List<Consumer<VmStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService poller;

    /**
     * @param vmFolders    where each VM's folder is (the library decides)
     * @param capabilities the probed QEMU (called lazily, on the first start)
     * @param backends     device backends taking part in every start, in order
     */
    public LocalQemuHost(RuntimeDirectory runtime, Function<VmDefinition, Path> vmFolders,
                         Supplier<QemuCapabilities> capabilities, List<DeviceBackend> backends) {
        this.runtime = runtime;
        this.vmFolders = vmFolders;
        this.capabilities = capabilities;
        this.backends = List.copyOf(backends);
    }

    @Override
    public String displayName() { return "This computer"; }

    @Override
    public VmRuntimePaths paths(VmDefinition vm) {
        return new VmRuntimePaths(runtime.pathForVm(vm.id()), vmFolders.apply(vm));
    }

    // ---------------------------------------------------------------- state

    @Override
    public VmStatus status(VmDefinition vm) {
        known.put(vm.id(), vm);
        VmStatus status = inspect(vm);
        publishIfChanged(status);
        return status;
    }

    private VmStatus inspect(VmDefinition vm) {
        VmRuntimePaths paths = paths(vm);
        return switch (QemuProcessProbe.inspect(paths.pidFile())) {
            case QemuProcessProbe.None none -> {
                Path marker = paths.runtimeDir().resolve(EXIT_MARKER);
                if (Files.exists(marker)) {
                    yield crashed(vm, paths, readQuietly(marker));
                }
                yield VmStatus.stopped(vm.id());
            }
            case QemuProcessProbe.Dead dead -> crashed(vm, paths,
                    "QEMU" + (dead.pid() > 0 ? " (pid " + dead.pid() + ")" : "") + " ended without shutting down: it crashed or was killed");
            case QemuProcessProbe.Alive alive -> liveStatus(vm, paths, alive.process());
        };
    }

    private VmStatus crashed(VmDefinition vm, VmRuntimePaths paths, String why) {
        return new VmStatus(vm.id(), VmState.CRASHED, -1, modified(paths.qemuLog()), why, LogTail.lastLines(paths.qemuLog(), 12));
    }

    private VmStatus liveStatus(VmDefinition vm, VmRuntimePaths paths, ProcessHandle process) {
        Instant since = process.info().startInstant().orElse(null);
        if (Files.exists(paths.runtimeDir().resolve(STOPPING_MARKER))) {
            return new VmStatus(vm.id(), VmState.STOPPING, process.pid(), since, "waiting for the guest to shut down", List.of());
        }
        QmpStatus qmp;
        try {
            qmp = MonitorSession.with(paths, STATUS_TIMEOUT, client -> client.queryStatus());
        } catch (Exception e) {
            // The monitor is not up yet (QEMU initialising) or another process is talking to it right now.
            VmState previous = lastSeen.get(vm.id());
            VmState guess = previous != null && previous.isActive() ? previous : VmState.STARTING;
            return new VmStatus(vm.id(), guess, process.pid(), since, "", List.of());
        }
        return switch (qmp.status()) {
            case "running" -> new VmStatus(vm.id(), VmState.RUNNING, process.pid(), since, "", List.of());
            case "prelaunch" -> Files.exists(paths.runtimeDir().resolve(HOLD_MARKER))
                    ? new VmStatus(vm.id(), VmState.PAUSED, process.pid(), since, "started paused", List.of())
                    : new VmStatus(vm.id(), VmState.STARTING, process.pid(), since, "", List.of());
            case "shutdown" -> new VmStatus(vm.id(), VmState.STOPPING, process.pid(), since, "", List.of());
            case "guest-panicked" -> new VmStatus(vm.id(), VmState.PAUSED, process.pid(), since,
                    "the guest operating system crashed (kernel panic); reset or power off the VM", List.of());
            case "io-error" -> new VmStatus(vm.id(), VmState.PAUSED, process.pid(), since,
                    "paused after a disk error (is the host disk full?)", List.of());
            case "internal-error" -> new VmStatus(vm.id(), VmState.PAUSED, process.pid(), since,
                    "QEMU stopped the VM after an internal error; see the QEMU log", List.of());
            default -> new VmStatus(vm.id(), VmState.PAUSED, process.pid(), since, "", List.of());
        };
    }

    // ---------------------------------------------------------------- start

    @Override
    public VmStatus start(VmDefinition vm, StartOptions options) throws VmOperationException {
        known.put(vm.id(), vm);
        Path folder = vmFolders.apply(vm);
        try {
            VmValidator.validate(vm, ValidationContext.localHost(Map.of(), folder));
        } catch (VmValidationException e) {
            throw new VmOperationException(VmOperationException.Reason.INVALID_DEFINITION, e.getMessage(), e);
        }
        VmRuntimePaths paths;
        try {
            paths = new VmRuntimePaths(runtime.forVm(vm.id()), folder);
            Files.createDirectories(paths.logsDir());
        } catch (IOException e) {
            throw new VmOperationException(VmOperationException.Reason.IO, "Could not prepare the folders of VM '" + vm.name() + "': " + e.getMessage(), e);
        }
        try (MonitorLock.Held startLock = MonitorLock.acquire(paths.startLock(), Duration.ofSeconds(5))) {
            VmStatus current = inspect(vm);
            if (current.state().isActive()) {
                throw new VmOperationException(VmOperationException.Reason.ALREADY_RUNNING,
                        "VM '" + vm.name() + "' is already running (QEMU pid " + current.pid() + ")");
            }
            clearLeftovers(paths);
            QemuCapabilities caps = capabilities.get();
            BackendContext context = new BackendContext(vm.id(), paths, caps);
            QemuCommandLine commandLine = QemuArgumentBuilder.build(vm, paths, caps, options, backends, context);
            QemuArgumentBuilder.prepare(vm, paths);
            if (options.startPaused()) Files.writeString(paths.runtimeDir().resolve(HOLD_MARKER), "");
            Process process = launch(vm, paths, commandLine);
            awaitMonitor(vm, paths, process);
            attachBackendsAndRun(vm, paths, context, options, process);
            VmStatus status = inspect(vm);
            publishIfChanged(status);
            return status;
        } catch (VmOperationException e) {
            throw e;
        } catch (IOException e) {
            throw new VmOperationException(VmOperationException.Reason.IO, "Could not start VM '" + vm.name() + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new VmOperationException(VmOperationException.Reason.QEMU_FAILED, "Could not start VM '" + vm.name() + "': " + e.getMessage(), e);
        }
    }

    private static void clearLeftovers(VmRuntimePaths paths) throws IOException {
        for (Path p : List.of(paths.pidFile(), paths.runtimeDir().resolve(EXIT_MARKER), paths.runtimeDir().resolve(STOPPING_MARKER),
                paths.runtimeDir().resolve(HOLD_MARKER), paths.qmpSocket(), paths.eventsSocket(), paths.vncSocket(), paths.serialSocket())) {
            Files.deleteIfExists(p);
        }
    }

    private Process launch(VmDefinition vm, VmRuntimePaths paths, QemuCommandLine commandLine) throws IOException {
        List<String> command = new ArrayList<>();
        // Its own session: a terminal's Ctrl+C or hang-up must not reach the VM, and it must outlive us.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid");
        command.addAll(commandLine.command());
        Files.writeString(paths.qemuLog(), "=== " + Instant.now() + " starting VM '" + vm.name() + "': "
                        + String.join(" ", commandLine.command()) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(paths.vmFolder().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.qemuLog().toFile()))
                .redirectErrorStream(true);
        Process process = pb.start();
        process.onExit().thenAccept(p -> onQemuExit(vm, paths, p));
        return process;
    }

    /** Runs in this process only if we started QEMU; other processes learn the same from the pid file. */
    private void onQemuExit(VmDefinition vm, VmRuntimePaths paths, Process process) {
        int code = process.exitValue();
        boolean requested = powerOffRequested.remove(vm.id());
        try {
            Files.deleteIfExists(paths.runtimeDir().resolve(STOPPING_MARKER));
            if (code != 0 && !requested && Files.isDirectory(paths.runtimeDir())) {
                Files.writeString(paths.runtimeDir().resolve(EXIT_MARKER), "QEMU exited with code " + code
                        + (code > 128 ? " (killed by signal " + (code - 128) + ")" : ""));
            }
            if (requested) Files.deleteIfExists(paths.pidFile());
        } catch (IOException ignored) {
            // best effort: the pid file alone still tells other processes what happened
        }
        for (DeviceBackend backend : backends) {
            try { backend.detach(vm, new BackendContext(vm.id(), paths, null)); } catch (RuntimeException ignored) { /* keep detaching the others */ }
        }
        publishIfChanged(inspect(vm));
    }

    private void awaitMonitor(VmDefinition vm, VmRuntimePaths paths, Process process) throws VmOperationException {
        long deadline = System.nanoTime() + QMP_UP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                try { process.waitFor(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                throw startFailure(vm, paths, process.exitValue());
            }
            if (Files.exists(paths.qmpSocket())) return;
            sleep(10);
        }
        process.destroyForcibly();
        throw new VmOperationException(VmOperationException.Reason.TIMEOUT,
                "QEMU did not open its monitor within " + QMP_UP_TIMEOUT.toSeconds() + " s; see " + paths.qemuLog());
    }

    private VmOperationException startFailure(VmDefinition vm, VmRuntimePaths paths, int exitCode) {
        List<String> tail = LogTail.lastLines(paths.qemuLog(), 20);
        List<String> sinceStart = new ArrayList<>();
        for (String line : tail) {
            if (line.startsWith("=== ")) sinceStart.clear(); else sinceStart.add(line);
        }
        QemuErrorTranslator.Translation t = QemuErrorTranslator.translate(sinceStart);
        VmOperationException.Reason reason = switch (t.kind()) {
            case DISK_IN_USE -> VmOperationException.Reason.DISK_IN_USE;
            case MISSING_FILE -> VmOperationException.Reason.MISSING_FILE;
            case ALREADY_RUNNING -> VmOperationException.Reason.ALREADY_RUNNING;
            default -> VmOperationException.Reason.QEMU_FAILED;
        };
        try { Files.deleteIfExists(paths.runtimeDir().resolve(EXIT_MARKER)); } catch (IOException ignored) { /* nothing ran */ }
        return new VmOperationException(reason, "VM '" + vm.name() + "' could not start: " + t.message());
    }

    private void attachBackendsAndRun(VmDefinition vm, VmRuntimePaths paths, BackendContext context, StartOptions options,
                                      Process process) throws VmOperationException {
        try {
            MonitorSession.with(paths, MONITOR_TIMEOUT, client -> {
                VmControl control = MonitorSession.control(client);
                for (DeviceBackend backend : backends) backend.attach(vm, context, control);
                if (!options.startPaused()) client.cont();
                return null;
            });
        } catch (Exception e) {
            // QEMU creates its monitor socket before it opens the disks, so most start errors (a disk locked by
            // another VM, a missing file) show up here as a monitor that closed: QEMU exits on its own.
            if (waitExit(process, Duration.ofSeconds(3))) {
                throw startFailure(vm, paths, process.exitValue());
            }
            powerOffRequested.add(vm.id());
            process.destroyForcibly();
            if (!process.isAlive() || waitExit(process, Duration.ofSeconds(5))) {
                try { Files.deleteIfExists(paths.pidFile()); } catch (IOException ignored) { /* reported below */ }
            }
            throw new VmOperationException(VmOperationException.Reason.QEMU_FAILED,
                    "VM '" + vm.name() + "' could not start: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- control

    @Override
    public void pause(VmDefinition vm) throws VmOperationException {
        monitor(vm, "pause", client -> { client.stop(); return null; });
    }

    @Override
    public void resume(VmDefinition vm) throws VmOperationException {
        try { Files.deleteIfExists(paths(vm).runtimeDir().resolve(HOLD_MARKER)); } catch (IOException ignored) { /* marker only */ }
        monitor(vm, "resume", client -> { client.cont(); return null; });
    }

    @Override
    public void reset(VmDefinition vm) throws VmOperationException {
        monitor(vm, "reset", client -> { client.systemReset(); return null; });
    }

    @Override
    public boolean shutdown(VmDefinition vm, Duration timeout) throws VmOperationException {
        VmRuntimePaths paths = paths(vm);
        ProcessHandle process = requireAlive(vm);
        monitor(vm, "shut down", client -> { client.systemPowerdown(); return null; });
        try { Files.writeString(paths.runtimeDir().resolve(STOPPING_MARKER), Instant.now().toString()); } catch (IOException ignored) { /* cosmetic */ }
        publishIfChanged(inspect(vm));
        boolean exited = waitExit(process, timeout);
        if (!exited) {
            try { Files.deleteIfExists(paths.runtimeDir().resolve(STOPPING_MARKER)); } catch (IOException ignored) { /* cosmetic */ }
        }
        publishIfChanged(inspect(vm));
        return exited;
    }

    @Override
    public void powerOff(VmDefinition vm) throws VmOperationException {
        VmRuntimePaths paths = paths(vm);
        ProcessHandle process = requireAlive(vm);
        powerOffRequested.add(vm.id());
        try {
            MonitorSession.with(paths, Duration.ofSeconds(3), client -> { client.quit(); return null; });
        } catch (Exception monitorGone) {
            // the monitor is wedged or busy: fall through to the signal
        }
        if (!waitExit(process, Duration.ofSeconds(5))) {
            process.destroyForcibly();
            if (!waitExit(process, Duration.ofSeconds(10))) {
                throw new VmOperationException(VmOperationException.Reason.TIMEOUT, "QEMU (pid " + process.pid() + ") did not end after SIGKILL");
            }
            // Killed on purpose: not a crash, so remove what QEMU could not.
            try { Files.deleteIfExists(paths.pidFile()); } catch (IOException ignored) { /* reported as crashed then */ }
        }
        try {
            Files.deleteIfExists(paths.runtimeDir().resolve(STOPPING_MARKER));
            Files.deleteIfExists(paths.runtimeDir().resolve(EXIT_MARKER));
        } catch (IOException ignored) { /* markers only */ }
        publishIfChanged(inspect(vm));
    }

    @Override
    public <T> T withControl(VmDefinition vm, ControlAction<T> action) throws VmOperationException {
        return monitor(vm, "control", client -> action.apply(MonitorSession.control(client)));
    }

    private <T> T monitor(VmDefinition vm, String what, MonitorSession.Conversation<T> conversation) throws VmOperationException {
        known.put(vm.id(), vm);
        requireAlive(vm);
        try {
            T result = MonitorSession.with(paths(vm), MONITOR_TIMEOUT, conversation);
            publishIfChanged(inspect(vm));
            return result;
        } catch (Exception e) {
            throw new VmOperationException(VmOperationException.Reason.QEMU_FAILED,
                    "Could not " + what + " VM '" + vm.name() + "': " + e.getMessage(), e);
        }
    }

    private ProcessHandle requireAlive(VmDefinition vm) throws VmOperationException {
        if (QemuProcessProbe.inspect(paths(vm).pidFile()) instanceof QemuProcessProbe.Alive alive) return alive.process();
        throw new VmOperationException(VmOperationException.Reason.NOT_RUNNING, "VM '" + vm.name() + "' is not running");
    }

    // ---------------------------------------------------------------- watching

    @Override
    public AutoCloseable watch(Consumer<VmStatus> listener) {
        listeners.add(listener);
        ensurePoller();
        return () -> listeners.remove(listener);
    }

    private synchronized void ensurePoller() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vm-state-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            for (VmDefinition vm : known.values()) {
                try { publishIfChanged(inspect(vm)); } catch (RuntimeException ignored) { /* next round */ }
            }
        }, 0, 400, TimeUnit.MILLISECONDS);
    }

    private void publishIfChanged(VmStatus status) {
        VmState before = lastSeen.put(status.vmId(), status.state());
        if (before != status.state()) {
            for (Consumer<VmStatus> l : listeners) {
                try { l.accept(status); } catch (RuntimeException ignored) { /* a listener's bug must not stop the others */ }
            }
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService p = poller;
        if (p != null) p.shutdownNow();
        listeners.clear();
    }

    // ---------------------------------------------------------------- helpers

    private static boolean waitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static boolean waitExit(Process process, Duration timeout) {
        return waitExit(process.toHandle(), timeout);
    }

    private static Instant modified(Path file) {
        try { return Files.getLastModifiedTime(file).toInstant(); } catch (IOException e) { return null; }
    }

    private static String readQuietly(Path file) {
        try { return Files.readString(file).trim(); } catch (IOException e) { return "QEMU ended unexpectedly"; }
    }

    private static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
