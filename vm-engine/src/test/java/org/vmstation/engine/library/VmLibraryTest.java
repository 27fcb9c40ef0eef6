package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.runtime.VmState;

class VmLibraryTest {
    @TempDir Path tmp;
    Path dbFile;
    VmLibrary library;

    @BeforeEach
    void open() throws LibraryException {
        dbFile = tmp.resolve("nested/folders/library.db");
        library = VmLibrary.open(dbFile);
    }

    @AfterEach
    void close() throws LibraryException {
        library.close();
    }

    /** A VM that validates with no files at all: it boots from the network. */
    static VmDefinition netBoot(String name) {
        return VmDefinition.builder(name).bootOrder(List.of(BootDevice.NETWORK)).memoryMiB(64).build();
    }

    @Test
    void opensANewLibraryCreatingFoldersAtTheCurrentSchema() {
        assertThat(dbFile).isRegularFile();
        assertThat(library.root()).isEqualTo(dbFile.getParent().toAbsolutePath());
        assertThat(library.schemaVersion()).isEqualTo(SchemaMigrator.CURRENT_VERSION).isEqualTo(2);
        assertThat(library.list()).isEmpty();
    }

    @Test
    void addStoresTheDefinitionAndCreatesItsFolder() throws Exception {
        VmDefinition vm = netBoot("Alpine").toBuilder().tags(List.of("b", "a")).notes("hello").setting("z", "1").setting("a", "2").build();
        Instant before = Instant.now();
        VmEntry added = library.add(vm);

        assertThat(added.definition()).isEqualTo(vm);
        assertThat(added.lastKnownState()).isEqualTo(VmState.STOPPED);
        assertThat(added.createdAt()).isBetween(before, Instant.now());
        assertThat(added.lastRunAt()).isNull();
        assertThat(added.stateChangedAt()).isEqualTo(added.createdAt());
        assertThat(library.vmFolder(vm.id())).isDirectory().isEqualTo(library.root().resolve("vms").resolve(vm.id()));

        VmEntry read = library.findById(vm.id()).orElseThrow();
        assertThat(read).isEqualTo(added);
        assertThat(read.definition().tags()).containsExactly("b", "a");
        assertThat(read.definition().settings().sequencedKeySet()).containsExactly("z", "a");
    }

    @Test
    void roundTripsManyVariedValidDefinitionsThroughTheDatabase() throws Exception {
        List<VmDefinition> added = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            VmDefinition vm = new TestDefinitions(1000 + i).valid("VM " + i, tmp.resolve("files"));
            library.add(vm);
            added.add(vm);
        }
        try (VmLibrary reopened = VmLibrary.open(dbFile)) {
            for (VmDefinition vm : added) {
                VmDefinition back = reopened.get(vm.id()).definition();
                assertThat(back).isEqualTo(vm);
                assertThat(new ArrayList<>(back.settings().sequencedEntrySet())).containsExactlyElementsOf(vm.settings().sequencedEntrySet());
                assertThat(back.tags()).containsExactlyElementsOf(vm.tags());
                assertThat(DefinitionCodec.toJson(back)).isEqualTo(DefinitionCodec.toJson(vm));
            }
            assertThat(reopened.list()).hasSize(60);
        }
    }

    @Test
    void namesAreUniqueIgnoringCase() throws Exception {
        library.add(netBoot("Windows Box"));
        assertThatThrownBy(() -> library.add(netBoot("WINDOWS box")))
                .isInstanceOf(VmValidationException.class)
                .hasMessageContaining("another VM is already called 'Windows Box'");
        assertThat(library.findByName("windows BOX")).isPresent();
        assertThat(library.findByName("Ünïcode")).isEmpty();
        library.add(netBoot("Ärger"));
        assertThat(library.findByName("äRGER")).map(VmEntry::name).contains("Ärger");
    }

    @Test
    void theDatabaseItselfRefusesDuplicateNamesIgnoringCase() throws Exception {
        library.add(netBoot("Server"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO vms (id, name, os_type, created_at, definition_json) "
                    + "VALUES ('x', 'SERVER', 'other', '2025-01-01T00:00:00Z', '{}')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
        }
    }

    @Test
    void failedAddLeavesNoRowAndNoFolder() throws Exception {
        library.add(netBoot("Taken"));
        VmDefinition duplicate = netBoot("taken");
        assertThatThrownBy(() -> library.add(duplicate)).isInstanceOf(VmValidationException.class);
        assertThat(library.findById(duplicate.id())).isEmpty();
        assertThat(library.vmFolder(duplicate.id())).doesNotExist();

        VmDefinition invalid = VmDefinition.builder("No boot").memoryMiB(1).build();
        assertThatThrownBy(() -> library.add(invalid))
                .isInstanceOf(VmValidationException.class)
                .hasMessageContaining("memoryMiB").hasMessageContaining("disks");
        assertThat(library.list()).extracting(VmEntry::name).containsExactly("Taken");
        assertThat(library.vmFolder(invalid.id())).doesNotExist();
    }

    @Test
    void failureAfterTheFolderWasCreatedRollsBackRowAndFolder() throws Exception {
        // A real SQLite failure late in the transaction: a trigger that aborts the tag insert.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TRIGGER no_bad_tags BEFORE INSERT ON vm_tags WHEN NEW.tag = 'explode' "
                    + "BEGIN SELECT RAISE(ABORT, 'tag refused by test trigger'); END");
        }
        VmDefinition vm = netBoot("Doomed").withTags(List.of("fine", "explode"));
        assertThatThrownBy(() -> library.add(vm))
                .isInstanceOf(LibraryException.class).hasMessageContaining("tag refused by test trigger");
        assertThat(library.findById(vm.id())).isEmpty();
        assertThat(library.vmFolder(vm.id())).doesNotExist();
        assertThat(library.list()).isEmpty();
    }

    @Test
    void failedAddKeepsAFolderThatExistedBefore() throws Exception {
        library.add(netBoot("First"));
        VmDefinition vm = netBoot("first");
        Path folder = Files.createDirectories(library.vmFolder(vm.id()));
        Files.writeString(folder.resolve("disk.img"), "imported");
        assertThatThrownBy(() -> library.add(vm)).isInstanceOf(VmValidationException.class);
        assertThat(folder.resolve("disk.img")).hasContent("imported");
    }

    @Test
    void refusesIdsThatCannotNameAFolder() {
        VmDefinition escape = netBoot("Escape").toBuilder().id("../../etc").build();
        assertThatThrownBy(() -> library.add(escape))
                .isInstanceOf(VmValidationException.class).hasMessageContaining("id is '../../etc'");
        assertThatThrownBy(() -> library.vmFolder("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tmp.resolve("nested/etc")).doesNotExist();
    }

    @Test
    void refusesASecondVmWithTheSameId() throws Exception {
        VmDefinition vm = netBoot("One");
        library.add(vm);
        assertThatThrownBy(() -> library.add(vm.withName("Two")))
                .isInstanceOf(LibraryException.class).hasMessageContaining("already in the library").hasMessageContaining("'One'");
    }

    @Test
    void getFindsByIdOrNameAndNamesTheLibraryWhenMissing() throws Exception {
        VmDefinition vm = netBoot("Fedora");
        library.add(vm);
        assertThat(library.get(vm.id()).name()).isEqualTo("Fedora");
        assertThat(library.get("fedora").id()).isEqualTo(vm.id());
        assertThatThrownBy(() -> library.get("Nope"))
                .isInstanceOf(LibraryException.class)
                .hasMessage("no VM named 'Nope' in the library at " + dbFile.toAbsolutePath());
    }

    @Test
    void updateReplacesTheDefinitionAndKeepsStateAndTimes() throws Exception {
        VmDefinition vm = netBoot("Old name").withTags(List.of("x"));
        VmEntry added = library.add(vm);
        Instant ran = Instant.parse("2025-03-01T10:15:30.123456789Z");
        library.recordState(vm.id(), VmState.RUNNING, ran);

        VmDefinition changed = vm.toBuilder().name("New name").cpus(2).tags(List.of("y", "z")).notes("changed").build();
        VmEntry updated = library.update(changed);
        assertThat(updated.definition()).isEqualTo(changed);
        assertThat(library.get(vm.id())).satisfies(e -> {
            assertThat(e.definition()).isEqualTo(changed);
            assertThat(e.lastKnownState()).isEqualTo(VmState.RUNNING);
            assertThat(e.createdAt()).isEqualTo(added.createdAt());
            assertThat(e.lastRunAt()).isEqualTo(ran);
        });
        assertThat(library.list(LibraryQuery.all().withTag("x"))).isEmpty();
        assertThat(library.findByName("Old name")).isEmpty();
    }

    @Test
    void updateValidatesAndRefusesUnknownIds() throws Exception {
        library.add(netBoot("A"));
        VmDefinition b = netBoot("B");
        library.add(b);
        assertThatThrownBy(() -> library.update(b.withName("a"))).isInstanceOf(VmValidationException.class);
        assertThat(library.get(b.id()).name()).isEqualTo("B");
        // Renaming a VM to another spelling of its own name is fine.
        assertThat(library.update(b.withName("b")).name()).isEqualTo("b");
        assertThatThrownBy(() -> library.update(netBoot("Ghost")))
                .isInstanceOf(LibraryException.class).hasMessageContaining("no VM with id");
    }

    @Test
    void recordStateSetsLastRunOnlyForRunning() throws Exception {
        VmDefinition vm = netBoot("Stateful");
        library.add(vm);
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2025-01-01T00:00:05.5Z");
        library.recordState(vm.id(), VmState.STARTING, t1);
        assertThat(library.get(vm.id()).lastRunAt()).isNull();
        library.recordState(vm.id(), VmState.RUNNING, t2);
        library.recordState(vm.id(), VmState.STOPPED, Instant.parse("2025-01-02T00:00:00Z"));
        VmEntry e = library.get(vm.id());
        assertThat(e.lastKnownState()).isEqualTo(VmState.STOPPED);
        assertThat(e.lastRunAt()).isEqualTo(t2);
        assertThat(e.stateChangedAt()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThatThrownBy(() -> library.recordState("missing", VmState.RUNNING, t1))
                .isInstanceOf(LibraryException.class).hasMessageContaining("no VM with id missing");
    }

    @Test
    void setTagsReplacesTagsInOrderAndFollowsTheTagRules() throws Exception {
        VmDefinition vm = netBoot("Tagged").withTags(List.of("one"));
        library.add(vm);
        library.setTags(vm.id(), List.of("zeta", "Alpha", "zeta"));
        assertThat(library.get(vm.id()).definition().tags()).containsExactly("zeta", "Alpha", "zeta");
        assertThatThrownBy(() -> library.setTags(vm.id(), List.of("ok", "a,b")))
                .isInstanceOf(LibraryException.class).hasMessageContaining("tags[1]").hasMessageContaining("without commas");
        assertThat(library.get(vm.id()).definition().tags()).containsExactly("zeta", "Alpha", "zeta");
        library.setTags(vm.id(), List.of());
        assertThat(library.get(vm.id()).definition().tags()).isEmpty();
    }

    @Test
    void deleteRemovesTheRowAndItsTagsButNotTheFolder() throws Exception {
        VmDefinition vm = netBoot("Gone").withTags(List.of("t"));
        library.add(vm);
        Path folder = library.vmFolder(vm.id());
        Files.writeString(folder.resolve("disk.qcow2"), "data");
        assertThatThrownBy(() -> library.deleteFolder(vm.id()))
                .isInstanceOf(LibraryException.class).hasMessageContaining("still in the library");
        library.delete(vm.id());
        assertThat(library.findById(vm.id())).isEmpty();
        assertThat(tagRows()).isZero();
        assertThat(folder.resolve("disk.qcow2")).exists();
        assertThatThrownBy(() -> library.delete(vm.id())).isInstanceOf(LibraryException.class).hasMessageContaining("no VM with id");
    }

    @Test
    void deleteFolderRemovesTheTreeWithoutFollowingLinks() throws Exception {
        VmDefinition vm = netBoot("Linked");
        library.add(vm);
        Path folder = library.vmFolder(vm.id());
        Path outside = Files.writeString(tmp.resolve("precious.img"), "keep me");
        Files.createDirectories(folder.resolve("logs"));
        Files.writeString(folder.resolve("logs/serial.log"), "boot");
        Files.createSymbolicLink(folder.resolve("link.img"), outside);
        library.delete(vm.id());
        library.deleteFolder(vm.id());
        assertThat(folder).doesNotExist();
        assertThat(outside).hasContent("keep me");
    }

    @Test
    void listenersHearAboutEveryChangeAndAFaultyOneDoesNotBreakIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        library.addListener(() -> { throw new IllegalStateException("faulty listener"); });
        library.addListener(calls::incrementAndGet);
        VmDefinition vm = netBoot("Heard");
        library.add(vm);
        library.update(vm.withName("Heard 2"));
        library.recordState(vm.id(), VmState.RUNNING, Instant.now());
        library.setTags(vm.id(), List.of("t"));
        library.delete(vm.id());
        assertThat(calls).hasValue(5);
        assertThatThrownBy(() -> library.add(netBoot(""))).isInstanceOf(VmValidationException.class);
        assertThat(calls).hasValue(5);
    }

    @Test
    void closedLibraryRefusesUse() throws Exception {
        library.close();
        assertThatThrownBy(() -> library.list()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        library.close();
    }

    @Test
    void refusesAFolderAsTheDatabaseFile() {
        assertThatThrownBy(() -> VmLibrary.open(tmp))
                .isInstanceOf(LibraryException.class).hasMessageContaining("is a folder");
    }

    private int tagRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM vm_tags")) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
