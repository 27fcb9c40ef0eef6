package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.library.LibraryQuery.SortKey;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

class LibraryQueryTest {
    @TempDir Path tmp;
    VmLibrary library;
    VmDefinition debian, windows, alpine, fedora, ubuntu;

    @BeforeEach
    void fill() throws Exception {
        library = VmLibrary.open(tmp.resolve("library.db"));
        debian = add("debian server", "debian", List.of("prod", "web"), "Runs nginx; 100% uptime");
        windows = add("Windows 11", "windows11", List.of("Gaming"), "GPU passthrough later");
        alpine = add("alpine", "linux", List.of(), "tiny_router");
        fedora = add("Fedora Ünïcode", "fedora", List.of("dev"), "");
        ubuntu = add("Ubuntu", "ubuntu", List.of("dev", "PROD"), "ci runner");
        // Created in this order, so CREATED sorts debian, windows, alpine, fedora, ubuntu.
        library.recordState(debian.id(), VmState.RUNNING, Instant.parse("2025-02-01T00:00:00Z"));
        library.recordState(windows.id(), VmState.RUNNING, Instant.parse("2025-03-01T00:00:00Z"));
        library.recordState(windows.id(), VmState.PAUSED, Instant.parse("2025-03-01T01:00:00Z"));
        library.recordState(alpine.id(), VmState.RUNNING, Instant.parse("2025-01-01T00:00:00Z"));
        library.recordState(alpine.id(), VmState.CRASHED, Instant.parse("2025-01-01T00:05:00Z"));
    }

    @AfterEach
    void close() throws LibraryException {
        library.close();
    }

    private VmDefinition add(String name, String os, List<String> tags, String notes) throws Exception {
        VmDefinition vm = VmLibraryTest.netBoot(name).toBuilder().osType(os).tags(tags).notes(notes).build();
        library.add(vm);
        Thread.sleep(2); // distinct creation times even on a coarse clock
        return vm;
    }

    private List<String> names(LibraryQuery q) {
        return library.list(q).stream().map(VmEntry::name).toList();
    }

    @Test
    void listAllIsByNameIgnoringCase() {
        assertThat(names(LibraryQuery.all())).containsExactly("alpine", "debian server", "Fedora Ünïcode", "Ubuntu", "Windows 11");
        assertThat(library.list()).extracting(VmEntry::name).containsExactly("alpine", "debian server", "Fedora Ünïcode", "Ubuntu", "Windows 11");
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.NAME, true)))
                .containsExactly("Windows 11", "Ubuntu", "Fedora Ünïcode", "debian server", "alpine");
    }

    @Test
    void textMatchesNameOsTagsAndNotesIgnoringCase() {
        assertThat(names(LibraryQuery.all().withText("WINDOWS"))).containsExactly("Windows 11");
        assertThat(names(LibraryQuery.all().withText("linux"))).containsExactly("alpine");
        assertThat(names(LibraryQuery.all().withText("gaming"))).containsExactly("Windows 11");
        assertThat(names(LibraryQuery.all().withText("NGINX"))).containsExactly("debian server");
        assertThat(names(LibraryQuery.all().withText("prod"))).containsExactly("debian server", "Ubuntu");
        assertThat(names(LibraryQuery.all().withText("ÜNÏ"))).containsExactly("Fedora Ünïcode");
        assertThat(names(LibraryQuery.all().withText("no such thing"))).isEmpty();
        assertThat(names(LibraryQuery.all().withText("   "))).hasSize(5);
    }

    @Test
    void likeWildcardsInTheTextMatchThemselves() {
        assertThat(names(LibraryQuery.all().withText("%"))).containsExactly("debian server");
        assertThat(names(LibraryQuery.all().withText("_"))).containsExactly("alpine");
        assertThat(names(LibraryQuery.all().withText("ti_y"))).as("_ is not a one-character wildcard").isEmpty();
        assertThat(names(LibraryQuery.all().withText("\\"))).isEmpty();
    }

    @Test
    void filtersByStateAndTag() {
        assertThat(names(LibraryQuery.all().withStates(Set.of(VmState.RUNNING)))).containsExactly("debian server");
        assertThat(names(LibraryQuery.all().withStates(EnumSet.of(VmState.PAUSED, VmState.CRASHED)))).containsExactly("alpine", "Windows 11");
        assertThat(names(LibraryQuery.all().withStates(Set.of(VmState.STOPPED)))).containsExactly("Fedora Ünïcode", "Ubuntu");
        assertThat(names(LibraryQuery.all().withTag("prod"))).containsExactly("debian server", "Ubuntu");
        assertThat(names(LibraryQuery.all().withTag("pro"))).as("tags match whole").isEmpty();
        assertThat(names(LibraryQuery.all().withTag("dev").withText("ubu"))).containsExactly("Ubuntu");
        assertThat(names(LibraryQuery.all().withTag("dev").withStates(Set.of(VmState.RUNNING)))).isEmpty();
    }

    @Test
    void sortsByLastRunWithNeverRunLast() {
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.LAST_RUN, true)))
                .containsExactly("Windows 11", "debian server", "alpine", "Fedora Ünïcode", "Ubuntu");
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.LAST_RUN, false)))
                .containsExactly("alpine", "debian server", "Windows 11", "Fedora Ünïcode", "Ubuntu");
    }

    @Test
    void sortsByCreatedStateAndOs() {
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.CREATED, false)))
                .containsExactly("debian server", "Windows 11", "alpine", "Fedora Ünïcode", "Ubuntu");
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.CREATED, true)))
                .containsExactly("Ubuntu", "Fedora Ünïcode", "alpine", "Windows 11", "debian server");
        // Enum order: STOPPED, STARTING, RUNNING, PAUSED, STOPPING, CRASHED; ties by name.
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.STATE, false)))
                .containsExactly("Fedora Ünïcode", "Ubuntu", "debian server", "Windows 11", "alpine");
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.OS, false)))
                .containsExactly("debian server", "Fedora Ünïcode", "alpine", "Ubuntu", "Windows 11");
        assertThat(names(LibraryQuery.all().sortedBy(SortKey.OS, true)))
                .containsExactly("Windows 11", "Ubuntu", "alpine", "Fedora Ünïcode", "debian server");
    }

    @Test
    void queryNormalisesItsInputs() {
        LibraryQuery q = new LibraryQuery("  x  ", null, " ", null, false);
        assertThat(q.text()).isEqualTo("x");
        assertThat(q.states()).isEmpty();
        assertThat(q.tag()).isNull();
        assertThat(q.sort()).isEqualTo(SortKey.NAME);
    }
}
