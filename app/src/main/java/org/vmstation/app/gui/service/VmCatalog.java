package org.vmstation.app.gui.service;

import java.nio.file.Path;
import java.util.List;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;

/**
 * The library operations the window uses, so view-models depend on this small surface rather than on the
 * whole {@code VmLibrary}. Every method blocks; call it through the task executor.
 */
public interface VmCatalog {
    List<VmEntry> list() throws Exception;

    VmEntry add(VmDefinition definition) throws Exception;

    void update(VmDefinition definition) throws Exception;

    /** Removes the VM from the library and, unless {@code keepFiles}, its folder with the disks in it. */
    void delete(String id, boolean keepFiles) throws Exception;

    /** The VM's own folder (disks, logs); created if missing. */
    Path vmFolder(String id) throws Exception;

    /**
     * Whether anything (this process or another) changed the library since the last call, so the window's poll
     * can skip re-reading an unchanged library. Implementations that cannot tell return true.
     */
    default boolean changedSinceLastCheck() throws Exception { return true; }
}
