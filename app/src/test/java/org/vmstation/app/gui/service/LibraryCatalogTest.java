package org.vmstation.app.gui.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.VmDefinition;

/** The catalog against a real SQLite library, with a second connection (another VmLibrary) standing in for the CLI. */
class LibraryCatalogTest {
    @TempDir Path tmp;

    private static VmDefinition vm(String name) {
        return VmDefinition.builder(name).bootOrder(List.of(BootDevice.NETWORK)).memoryMiB(64).build();
    }

    @Test
    void anUntouchedLibraryReportsNoChangeAfterTheFirstCheck() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary library = VmLibrary.open(file)) {
            library.add(vm("Existing"));
            LibraryCatalog catalog = new LibraryCatalog(library);
            assertThat(catalog.changedSinceLastCheck()).as("first check: nothing read yet").isTrue();
            List<VmEntry> first = catalog.list();
            for (int i = 0; i < 5; i++) {
                assertThat(catalog.changedSinceLastCheck()).as("poll %d of an untouched library", i).isFalse();
                assertThat(catalog.list()).as("the same read again").isSameAs(first);
            }
        }
    }

    @Test
    void aWriteFromAnotherConnectionIsReportedAndReadOnce() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary window = VmLibrary.open(file); VmLibrary cli = VmLibrary.open(file)) {
            LibraryCatalog catalog = new LibraryCatalog(window);
            catalog.changedSinceLastCheck();
            List<VmEntry> before = catalog.list();
            assertThat(before).isEmpty();

            cli.add(vm("From CLI"));
            assertThat(catalog.changedSinceLastCheck()).isTrue();
            List<VmEntry> after = catalog.list();
            assertThat(after).isNotSameAs(before).extracting(VmEntry::name).containsExactly("From CLI");
            assertThat(catalog.changedSinceLastCheck()).isFalse();
            assertThat(catalog.list()).isSameAs(after);
        }
    }

    @Test
    void listSeesAnotherConnectionsWriteEvenBeforeTheNextCheck() throws Exception {
        Path file = tmp.resolve("library.db");
        try (VmLibrary window = VmLibrary.open(file); VmLibrary cli = VmLibrary.open(file)) {
            LibraryCatalog catalog = new LibraryCatalog(window);
            assertThat(catalog.list()).isEmpty();
            cli.add(vm("Meanwhile"));
            assertThat(catalog.list()).extracting(VmEntry::name).containsExactly("Meanwhile");
            // the list's own look for changes must not swallow the poll's report
            assertThat(catalog.changedSinceLastCheck()).isTrue();
        }
    }

    @Test
    void ourOwnWritesAreReportedAndReadAgain() throws Exception {
        try (VmLibrary library = VmLibrary.open(tmp.resolve("library.db"))) {
            LibraryCatalog catalog = new LibraryCatalog(library);
            catalog.changedSinceLastCheck();
            List<VmEntry> before = catalog.list();
            VmEntry added = catalog.add(vm("Mine"));
            assertThat(catalog.changedSinceLastCheck()).isTrue();
            assertThat(catalog.list()).isNotSameAs(before).extracting(VmEntry::id).containsExactly(added.id());

            List<VmEntry> one = catalog.list();
            catalog.update(added.definition().withTags(List.of("edited")));
            assertThat(catalog.list()).isNotSameAs(one).singleElement()
                    .satisfies(e -> assertThat(e.definition().tags()).containsExactly("edited"));
            assertThat(catalog.changedSinceLastCheck()).isTrue();
            assertThat(catalog.changedSinceLastCheck()).isFalse();
        }
    }
}
