package org.vmstation.app.gui.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.VmDefinition;

/**
 * The window's first load from the read the launcher starts while the window is built ({@link LibraryViewModel#readAhead},
 * {@link LibraryViewModel#loadFirst}), against a real SQLite library: rows at once when the read is done, when it
 * finishes otherwise, and a failed read done again through the catalog.
 */
class LibraryFirstLoadTest {
    @TempDir Path tmp;

    /** The window's catalog over a real library, counting its reads. */
    private static final class CountingCatalog implements VmCatalog {
        private final LibraryCatalog catalog;
        int reads;

        CountingCatalog(VmLibrary library) { catalog = new LibraryCatalog(library); }

        @Override
        public synchronized List<VmEntry> list() throws Exception {
            reads++;
            return catalog.list();
        }

        @Override public VmEntry add(VmDefinition definition) throws Exception { return catalog.add(definition); }
        @Override public void update(VmDefinition definition) throws Exception { catalog.update(definition); }
        @Override public void delete(String id, boolean keepFiles) throws Exception { catalog.delete(id, keepFiles); }
        @Override public Path vmFolder(String id) throws Exception { return catalog.vmFolder(id); }
        @Override public boolean changedSinceLastCheck() throws Exception { return catalog.changedSinceLastCheck(); }
    }

    private VmLibrary libraryWith(String... names) throws Exception {
        VmLibrary library = VmLibrary.open(tmp.resolve("library.db"));
        for (String n : names) library.add(VmDefinition.builder(n).bootOrder(List.of(BootDevice.NETWORK)).memoryMiB(64).build());
        return library;
    }

    private static List<String> names(LibraryViewModel vm) { return vm.visibleItems().stream().map(VmItem::name).toList(); }

    @Test
    void aFinishedReadFillsTheListAtOnceWithoutReadingAgain() throws Exception {
        try (VmLibrary library = libraryWith("web", "Alpha", "build")) {
            CountingCatalog catalog = new CountingCatalog(library);
            var ahead = CompletableFuture.completedFuture(LibraryViewModel.readAhead(catalog));
            LibraryViewModel vm = new LibraryViewModel(catalog, new DirectTaskExecutor());
            vm.loadFirst(ahead);
            assertThat(names(vm)).containsExactly("Alpha", "build", "web");
            assertThat(vm.loadedProperty().get()).isTrue();
            assertThat(vm.readingProperty().get()).isFalse();
            assertThat(catalog.reads).as("the read ahead only").isEqualTo(1);
            // the state monitor's first poll gets the catalog's cached read, which the list is in line with already
            assertThat(catalog.list()).isSameAs(ahead.join().entries());
        }
    }

    @Test
    void aReadStillUnderWayFillsTheListWhenItFinishesAndTheListSaysItIsReading() throws Exception {
        try (VmLibrary library = libraryWith("one", "two")) {
            CountingCatalog catalog = new CountingCatalog(library);
            CompletableFuture<LibraryViewModel.Prepared> ahead = new CompletableFuture<>();
            LibraryViewModel vm = new LibraryViewModel(catalog, new DirectTaskExecutor());
            List<Boolean> loadedSeen = new ArrayList<>();
            vm.loadedProperty().addListener((o, a, b) -> loadedSeen.add(b));
            vm.loadFirst(ahead);
            assertThat(vm.visibleItems()).isEmpty();
            assertThat(vm.readingProperty().get()).as("the placeholder says 'Reading the library', not 'no VMs'").isTrue();
            // a state poll arriving first waits for the rows instead of making them on the JavaFX thread
            vm.merge(catalog.list());
            assertThat(vm.visibleItems()).isEmpty();

            ahead.complete(LibraryViewModel.readAhead(catalog));
            assertThat(names(vm)).containsExactly("one", "two");
            assertThat(vm.readingProperty().get()).isFalse();
            assertThat(loadedSeen).containsExactly(true);
        }
    }

    @Test
    void aFailedReadIsDoneAgainThroughTheCatalog() throws Exception {
        try (VmLibrary library = libraryWith("kept")) {
            CountingCatalog catalog = new CountingCatalog(library);
            CompletableFuture<LibraryViewModel.Prepared> ahead = new CompletableFuture<>();
            LibraryViewModel vm = new LibraryViewModel(catalog, new DirectTaskExecutor());
            vm.loadFirst(ahead);
            ahead.completeExceptionally(new IllegalStateException("disk hiccup"));
            assertThat(names(vm)).containsExactly("kept");
            assertThat(catalog.reads).isEqualTo(1);
            assertThat(vm.readingProperty().get()).isFalse();
        }
    }
}
