package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.SortOrder;
import org.vmstation.app.gui.library.StateFilter;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

class LibraryViewModelTest {
    private LibraryViewModel vm;
    private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        vm = new LibraryViewModel(null, new DirectTaskExecutor());
        vm.merge(List.of(
                TestVms.entry("web server", "debian", VmState.RUNNING, List.of("prod"), "nginx frontend", t0, t0.plusSeconds(50)),
                TestVms.entry("Build box", "fedora", VmState.STOPPED, List.of("ci", "prod"), "", t0.plusSeconds(10), null),
                TestVms.entry("alpha", "windows11", VmState.PAUSED, List.of(), "games", t0.plusSeconds(20), t0.plusSeconds(5))));
    }

    private List<String> names() { return vm.visibleItems().stream().map(VmItem::name).toList(); }

    @Test
    void sortsByNameCaseInsensitiveByDefault() {
        assertThat(names()).containsExactly("alpha", "Build box", "web server");
    }

    @Test
    void searchMatchesNameOsTagsAndNotes() {
        vm.searchTextProperty().set("NGINX");
        assertThat(names()).containsExactly("web server");
        vm.searchTextProperty().set("fedora");
        assertThat(names()).containsExactly("Build box");
        vm.searchTextProperty().set("ci");
        assertThat(names()).containsExactly("Build box");
        vm.searchTextProperty().set("no such thing");
        assertThat(names()).isEmpty();
        vm.searchTextProperty().set("  ");
        assertThat(names()).hasSize(3);
    }

    @Test
    void filtersByStateAndTagTogether() {
        vm.stateFilterProperty().set(StateFilter.ACTIVE);
        assertThat(names()).containsExactly("alpha", "web server");
        vm.tagFilterProperty().set("PROD");
        assertThat(names()).containsExactly("web server");
        vm.stateFilterProperty().set(StateFilter.ALL);
        assertThat(names()).containsExactly("Build box", "web server");
        assertThat(vm.tagChoices()).containsExactly(LibraryViewModel.ALL_TAGS, "ci", "prod");
    }

    @Test
    void stateChangeMovesVmInAndOutOfTheFilter() {
        vm.stateFilterProperty().set(StateFilter.STOPPED);
        assertThat(names()).containsExactly("Build box");
        String webId = vm.allItems().stream().filter(i -> i.name().equals("web server")).findFirst().orElseThrow().id();
        vm.apply(VmStatus.stopped(webId));
        assertThat(names()).containsExactly("Build box", "web server");
    }

    @Test
    void sortsByLastRunAndCreated() {
        vm.sortOrderProperty().set(SortOrder.LAST_RUN);
        assertThat(names()).containsExactly("web server", "alpha", "Build box");
        vm.sortOrderProperty().set(SortOrder.CREATED);
        assertThat(names()).containsExactly("alpha", "Build box", "web server");
    }

    @Test
    void mergeKeepsItemInstancesAndDropsDeletedVms() {
        VmItem before = vm.allItems().stream().filter(i -> i.name().equals("alpha")).findFirst().orElseThrow();
        List<VmEntry> now = vm.allItems().stream().filter(i -> !i.name().equals("web server"))
                .map(i -> new VmEntry(i.definition(), i.state(), i.createdAt(), i.lastRunAt(), null)).toList();
        vm.merge(now);
        assertThat(vm.allItems()).hasSize(2).contains(before);
        assertThat(vm.tagChoices()).containsExactly(LibraryViewModel.ALL_TAGS, "ci", "prod");
    }

    @Test
    void theSameReadMergedAgainAfterALocalEditStillPutsTheListInLineWithIt() {
        // the catalog hands out the very same list while the library is unchanged; a merge of it may be skipped
        // only while nothing else changed the list since it was merged
        List<VmEntry> read = vm.allItems().stream()
                .map(i -> new VmEntry(i.definition(), i.state(), i.createdAt(), i.lastRunAt(), null)).toList();
        vm.merge(read);
        VmItem alpha = vm.allItems().stream().filter(i -> i.name().equals("alpha")).findFirst().orElseThrow();
        vm.replace(alpha.definition().toBuilder().name("renamed").build());
        assertThat(names()).contains("renamed");
        vm.merge(read);
        assertThat(names()).containsExactly("alpha", "Build box", "web server");
        vm.remove(alpha.id());
        vm.merge(read);
        assertThat(names()).containsExactly("alpha", "Build box", "web server");
    }
}
