package org.vmstation.engine.library;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vmstation.engine.model.ValidationContext;
import org.vmstation.engine.model.ValidationProblem;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.model.VmValidator;
import org.vmstation.engine.runtime.VmState;

/**
 * The per-user library of VMs: definitions, last known state and times, in one SQLite file, with a folder per VM
 * next to it ({@code <root>/vms/<id>/}) for disks, logs and NVRAM.
 *
 * <p>Several instances, in one process or several (CLI and GUI), may use one file at once. One instance is safe
 * for use from several threads. Every change is one transaction: it happens completely or not at all.
 * Listeners added with {@link #addListener} hear about changes made through this instance; call
 * {@link #pollExternalChanges()} to hear about other processes' changes too.
 */
public final class VmLibrary implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VmLibrary.class.getName());

    private final LibraryDatabase db;
    private final VmStore store;
    private final VmFolders folders;
    private final Path root;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    private VmLibrary(LibraryDatabase db) {
        this.db = db;
        this.root = db.file().getParent();
        this.store = new VmStore(db.file());
        this.folders = new VmFolders(root);
    }

    /**
     * Opens the library, creating the file and its folder if needed and upgrading an older schema. A database
     * written by a newer VMStation, or a file that is not a VMStation library, is refused and left untouched.
     */
    public static VmLibrary open(Path databaseFile) throws LibraryException {
        Objects.requireNonNull(databaseFile, "databaseFile");
        return new VmLibrary(LibraryDatabase.open(databaseFile));
    }

    /** The folder holding the database file. */
    public Path root() { return root; }

    /** The database file. */
    public Path databaseFile() { return db.file(); }

    /** {@code <root>/vms/<id>/}; throws IllegalArgumentException for an id that cannot name a folder. */
    public Path vmFolder(String vmId) { return folders.folder(vmId); }

    public int schemaVersion() { return db.schemaVersion(); }

    /** The VMs matching the query, in its order. Throws {@link UncheckedLibraryException} if the database fails. */
    public List<VmEntry> list(LibraryQuery query) {
        Objects.requireNonNull(query, "query");
        return unchecked(() -> read("list VMs", c -> store.query(c, query)));
    }

    /** Every VM, by name. */
    public List<VmEntry> list() { return list(LibraryQuery.all()); }

    public Optional<VmEntry> findById(String id) {
        if (id == null) return Optional.empty();
        return unchecked(() -> read("find a VM", c -> store.byId(c, id)));
    }

    /** Case-insensitive, like the uniqueness rule. */
    public Optional<VmEntry> findByName(String name) {
        if (name == null) return Optional.empty();
        return unchecked(() -> read("find a VM", c -> store.byName(c, name)));
    }

    /** The VM with this id, or else with this name (case-insensitive). */
    public VmEntry get(String nameOrId) throws LibraryException {
        Objects.requireNonNull(nameOrId, "nameOrId");
        Optional<VmEntry> found = read("find VM '" + nameOrId + "'", c -> {
            Optional<VmEntry> byId = store.byId(c, nameOrId);
            return byId.isPresent() ? byId : store.byName(c, nameOrId);
        });
        return found.orElseThrow(() -> new LibraryException("no VM named '" + nameOrId + "' in the library at " + db.file()));
    }

    /**
     * Validates and stores a new VM and creates its folder. On any failure nothing is left behind: no row, and
     * no folder unless the folder existed before (an importer may have put disks there first).
     */
    public VmEntry add(VmDefinition vm) throws VmValidationException, LibraryException {
        Objects.requireNonNull(vm, "vm");
        requireSafeId(vm);
        boolean[] createdFolder = {false};
        VmEntry entry;
        try {
            entry = write("add VM '" + vm.name() + "'", c -> {
                Optional<VmEntry> sameId = store.byId(c, vm.id());
                if (sameId.isPresent()) {
                    throw new LibraryException("a VM with id " + vm.id() + " is already in the library at " + db.file()
                            + " (named '" + sameId.get().name() + "')");
                }
                VmValidator.validate(vm, ValidationContext.localHost(store.namesToIds(c), folders.folder(vm.id())));
                createdFolder[0] = folders.create(vm.id());
                Instant now = Instant.now();
                store.insert(c, vm, now);
                return new VmEntry(vm, VmState.STOPPED, now, null, now);
            });
        } catch (VmValidationException | LibraryException | RuntimeException | Error e) {
            if (createdFolder[0]) removeFolderAfterFailure(vm.id(), e);
            throw e;
        }
        fireChanged();
        return entry;
    }

    /** Validates and replaces the stored definition of the VM with {@code vm.id()}; state and times are kept. */
    public VmEntry update(VmDefinition vm) throws VmValidationException, LibraryException {
        Objects.requireNonNull(vm, "vm");
        requireSafeId(vm);
        VmEntry entry = write("update VM '" + vm.name() + "'", c -> {
            VmEntry old = store.byId(c, vm.id()).orElseThrow(() -> noSuchId(vm.id()));
            VmValidator.validate(vm, ValidationContext.localHost(store.namesToIds(c), folders.folder(vm.id())));
            store.update(c, vm);
            return new VmEntry(vm, old.lastKnownState(), old.createdAt(), old.lastRunAt(), old.stateChangedAt());
        });
        fireChanged();
        return entry;
    }

    /** Removes the VM's row (and tags). Its folder stays: see {@link #deleteFolder}. */
    public void delete(String id) throws LibraryException {
        Objects.requireNonNull(id, "id");
        write("delete VM " + id, c -> {
            if (!store.delete(c, id)) throw noSuchId(id);
            return null;
        });
        fireChanged();
    }

    /**
     * Deletes {@code <root>/vms/<id>/} and everything in it (symbolic links are removed, not followed). Refused
     * while the VM is still in the library, so a live VM's disks cannot be deleted by mistake.
     */
    public void deleteFolder(String id) throws LibraryException {
        Objects.requireNonNull(id, "id");
        Path folder;
        try {
            folder = folders.folder(id);
        } catch (IllegalArgumentException e) {
            throw new LibraryException(e.getMessage(), e);
        }
        synchronized (this) {
            Optional<VmEntry> still = read("check VM " + id, c -> store.byId(c, id));
            if (still.isPresent()) {
                throw new LibraryException("VM '" + still.get().name() + "' is still in the library at " + db.file()
                        + ": delete it from the library before deleting its folder " + folder);
            }
            try {
                folders.deleteTree(id);
            } catch (IOException e) {
                throw new LibraryException("could not delete the folder " + folder + ": " + e, e);
            }
        }
    }

    /** Records the state a VM is in; entering {@link VmState#RUNNING} also sets the last-run time. */
    public void recordState(String id, VmState state, Instant at) throws LibraryException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        try {
            Timestamps.format(at);
        } catch (IllegalArgumentException e) {
            throw new LibraryException("cannot record the state of VM " + id + ": " + e.getMessage(), e);
        }
        write("record the state of VM " + id, c -> {
            if (!store.recordState(c, id, state, at)) throw noSuchId(id);
            return null;
        });
        fireChanged();
    }

    /** Replaces the VM's tags, in this order; tags follow {@link VmValidator}'s rules. */
    public void setTags(String id, List<String> tags) throws LibraryException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tags, "tags");
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null) throw new LibraryException("tags[" + i + "] of VM " + id + " is null: expected 1 to 32 characters without commas");
        }
        List<String> copy = List.copyOf(tags);
        write("set the tags of VM " + id, c -> {
            VmEntry old = store.byId(c, id).orElseThrow(() -> noSuchId(id));
            VmDefinition tagged = old.definition().withTags(copy);
            List<ValidationProblem> problems = new ArrayList<>();
            for (ValidationProblem p : VmValidator.problems(tagged, ValidationContext.localHost(store.namesToIds(c), folders.folder(id)))) {
                if (p.field().startsWith("tags[")) problems.add(p);
            }
            if (!problems.isEmpty()) {
                throw new LibraryException("cannot tag VM '" + old.name() + "': " + new VmValidationException(old.name(), problems).getMessage());
            }
            store.replaceTags(c, id, copy);
            return null;
        });
        fireChanged();
    }

    /** Runs {@code onChange} after every change made through this instance (on the thread that made it). */
    public void addListener(Runnable onChange) {
        listeners.add(Objects.requireNonNull(onChange, "onChange"));
    }

    public void removeListener(Runnable onChange) {
        listeners.remove(onChange);
    }

    /**
     * Tells the listeners if another connection (another process, another instance) changed the library since the
     * last call; returns whether it did. Cheap enough to call from a UI timer.
     */
    public boolean pollExternalChanges() throws LibraryException {
        boolean changed;
        synchronized (this) {
            ensureOpen();
            changed = db.changedElsewhere();
        }
        if (changed) fireChanged();
        return changed;
    }

    @Override
    public synchronized void close() throws LibraryException {
        if (closed) return;
        closed = true;
        db.close();
    }

    private synchronized <T> T read(String what, LibraryDatabase.Work<T, RuntimeException> work) throws LibraryException {
        ensureOpen();
        return db.read(what, work);
    }

    private synchronized <T, X extends Exception> T write(String what, LibraryDatabase.Work<T, X> work) throws LibraryException, X {
        ensureOpen();
        return db.write(what, work);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the library at " + db.file() + " is closed");
    }

    private interface Read<T> {
        T get() throws LibraryException;
    }

    private static <T> T unchecked(Read<T> read) {
        try {
            return read.get();
        } catch (LibraryException e) {
            throw new UncheckedLibraryException(e);
        }
    }

    private LibraryException noSuchId(String id) {
        return new LibraryException("no VM with id " + id + " in the library at " + db.file());
    }

    private static void requireSafeId(VmDefinition vm) throws VmValidationException {
        if (!VmFolders.isSafeId(vm.id())) {
            throw new VmValidationException(vm.name(), List.of(new ValidationProblem("id", vm.id(), VmFolders.ID_EXPECTED)));
        }
    }

    private void removeFolderAfterFailure(String id, Throwable failure) {
        try {
            folders.deleteTree(id);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void fireChanged() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                // A faulty listener must not turn a committed change into a reported failure.
                LOG.log(System.Logger.Level.WARNING, "library change listener failed", e);
            }
        }
    }
}
