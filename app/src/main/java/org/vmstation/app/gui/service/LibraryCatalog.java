package org.vmstation.app.gui.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;

/** {@link VmCatalog} over the engine's SQLite {@link VmLibrary}. */
public final class LibraryCatalog implements VmCatalog {
    private final VmLibrary library;
    /** Set by the library's listener on our own changes; external ones are found by polling. */
    private final AtomicBoolean changed = new AtomicBoolean(true);

    public LibraryCatalog(VmLibrary library) {
        this.library = library;
        library.addListener(() -> changed.set(true));
    }

    public VmLibrary library() { return library; }

    @Override public List<VmEntry> list() { return library.list(); }

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
