package org.vmstation.app.gui.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;

/**
 * {@link VmCatalog} over the engine's SQLite {@link VmLibrary}.
 *
 * <p>{@link #list()} hands out the same list again while the library is unchanged: the window reads the library
 * twice as it opens (its first load and the state monitor's first poll), and with the very same entries the
 * second merge can tell "nothing changed" by identity instead of comparing 10,000 definitions field by field on
 * the JavaFX thread.
 */
public final class LibraryCatalog implements VmCatalog {
    private final VmLibrary library;
    /** Set by the library's listener on our own changes; external ones are found by polling. */
    private final AtomicBoolean changed = new AtomicBoolean(true);
    /** Counts the changes heard (ours and, through polling, other connections'); the cached list is of one count. */
    private final AtomicLong version = new AtomicLong();
    private List<VmEntry> cached;
    private long cachedVersion = -1;

    public LibraryCatalog(VmLibrary library) {
        this.library = library;
        library.addListener(() -> {
            version.incrementAndGet();
            changed.set(true);
        });
    }

    public VmLibrary library() { return library; }

    @Override
    public synchronized List<VmEntry> list() throws Exception {
        library.pollExternalChanges(); // another process's change bumps the version through our listener
        long now = version.get();
        if (cached == null || cachedVersion != now) {
            // read after taking the count: a change during the read leaves the cache marked stale
            cached = List.copyOf(library.list());
            cachedVersion = now;
        }
        return cached;
    }

    @Override public VmEntry add(VmDefinition definition) throws Exception { return library.add(definition); }

    @Override public void update(VmDefinition definition) throws Exception { library.update(definition); }

    @Override
    public void delete(String id, boolean keepFiles) throws Exception {
        library.delete(id);
        if (!keepFiles) library.deleteFolder(id);
    }

    @Override
    public Path vmFolder(String id) throws Exception {
        return Files.createDirectories(library.vmFolder(id));
    }

    @Override
    public boolean changedSinceLastCheck() throws Exception {
        boolean external = library.pollExternalChanges(); // fires our listener too when true
        return changed.getAndSet(false) || external;
    }
}
