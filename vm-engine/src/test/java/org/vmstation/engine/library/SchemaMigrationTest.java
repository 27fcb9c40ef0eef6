package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

class SchemaMigrationTest {
    @TempDir Path tmp;

    /** Builds a database the way schema version 1 did, from the frozen script in the test resources. */
    static Path v1Database(Path file) throws IOException, SQLException {
        runScript(file, DefinitionCodecTest.resource("library/schema-v1.sql"));
        return file;
    }

    static void runScript(Path file, String script) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements(script)) s.executeUpdate(sql);
        }
    }

    private static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) continue;
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }

    @Test
    void upgradesAVersion1DatabaseKeepingEveryDefinition() throws Exception {
        Path file = v1Database(tmp.resolve("library.db"));
        assertThat(pragma(file, "user_version")).isEqualTo(1);

        try (VmLibrary library = VmLibrary.open(file)) {
            assertThat(library.schemaVersion()).isEqualTo(2);
            assertThat(library.list()).extracting(VmEntry::name).containsExactly("Debian 12", "Tiny Kernel", "Untagged");

            assertThat(library.get("Debian 12").definition()).isEqualTo(DefinitionCodecTest.sample());
            VmEntry tiny = library.get("b7e4f0aa-1111-4c4c-8d8d-222233334444");
            assertThat(tiny.definition()).isEqualTo(VmDefinition.builder("Tiny Kernel").id("b7e4f0aa-1111-4c4c-8d8d-222233334444")
                    .osType("linux").cpus(1).memoryMiB(128).bootOrder(List.of(BootDevice.NETWORK))
                    .kernelBoot(new KernelBoot("/boot/vmlinuz", null, "console=ttyS0"))
                    .tags(List.of("zeta", "Alpha", "test")).notes("line one\nline two")
                    .setting("z", "last").setting("a", "first").build());
            assertThat(tiny.definition().tags()).containsExactly("zeta", "Alpha", "test");
            assertThat(tiny.definition().settings().sequencedKeySet()).containsExactly("z", "a");
            assertThat(tiny.lastKnownState()).isEqualTo(VmState.RUNNING);
            assertThat(tiny.createdAt()).isEqualTo(Instant.parse("2024-06-15T12:30:00Z"));
            assertThat(tiny.stateChangedAt()).isEqualTo(tiny.createdAt());
            assertThat(tiny.lastRunAt()).isNull();
            assertThat(library.get("untagged").createdAt()).isEqualTo(Instant.parse("2024-07-01T00:00:00.000000001Z"));
            assertThat(library.get("untagged").definition().tags()).isEmpty();

            // The new columns and table are real: SQL can now find VMs by tag and notes.
            assertThat(library.list(LibraryQuery.all().withTag("alpha"))).extracting(VmEntry::name).containsExactly("Tiny Kernel");
            assertThat(library.list(LibraryQuery.all().withText("LINE TWO"))).extracting(VmEntry::name).containsExactly("Tiny Kernel");
            library.recordState(tiny.id(), VmState.RUNNING, Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(library.get(tiny.id()).lastRunAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        }
        // Tags and notes moved out of the stored JSON: the table and column are the only truth now.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT definition_json, notes FROM vms WHERE name = 'Tiny Kernel'")) {
            assertThat(rs.next()).isTrue();
            VmDefinition stored = DefinitionCodec.fromJson(rs.getString(1));
            assertThat(stored.tags()).isEmpty();
            assertThat(stored.notes()).isEmpty();
            assertThat(rs.getString(2)).isEqualTo("line one\nline two");
        }
        assertThat(pragma(file, "user_version")).isEqualTo(2);
        assertThat(pragma(file, "application_id")).isEqualTo(LibraryDatabase.APPLICATION_ID);
    }

    @Test
    void everyEarlierVersionReachesTheSameSchema() throws Exception {
        Path fresh = tmp.resolve("fresh.db");           // version 0: nothing there yet
        Path empty = Files.createFile(tmp.resolve("empty.db")); // version 0: an empty file
        Path fromV1 = v1Database(tmp.resolve("v1.db"));
        for (Path file : List.of(fresh, empty, fromV1)) {
            VmLibrary.open(file).close();
        }
        assertThat(schema(empty)).isEqualTo(schema(fresh));
        assertThat(schema(fromV1)).isEqualTo(schema(fresh));
        assertThat(pragma(fresh, "user_version")).isEqualTo(SchemaMigrator.CURRENT_VERSION);
        assertThat(pragma(fresh, "journal_mode")).hasToString("wal");
    }

    @Test
    void refusesANewerSchemaAndLeavesTheFileUntouched() throws Exception {
        Path file = tmp.resolve("future.db");
        runScript(file, "CREATE TABLE vms (id TEXT PRIMARY KEY, future_column BLOB);\nPRAGMA user_version = 99;");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> VmLibrary.open(file))
                .isInstanceOf(LibraryException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("up to 2")
                .hasMessageContaining("newer VMStation");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(tmp.resolve("future.db-wal")).doesNotExist();
        assertThat(pragma(file, "journal_mode")).hasToString("delete");
    }

    @Test
    void refusesFilesThatAreNotVmStationLibrariesUntouched() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.db"), "this is not a database at all, just some text padded out. ".repeat(20));
        byte[] textBefore = Files.readAllBytes(text);
        assertThatThrownBy(() -> VmLibrary.open(text))
                .isInstanceOf(LibraryException.class).hasMessageContaining("not an SQLite database").hasMessageContaining(text.toString());
        assertThat(Files.readAllBytes(text)).isEqualTo(textBefore);

        Path foreign = tmp.resolve("foreign.db");
        runScript(foreign, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);");
        byte[] foreignBefore = Files.readAllBytes(foreign);
        assertThatThrownBy(() -> VmLibrary.open(foreign))
                .isInstanceOf(LibraryException.class).hasMessageContaining("not a VMStation library");
        assertThat(Files.readAllBytes(foreign)).isEqualTo(foreignBefore);

        Path otherApp = tmp.resolve("other-app.db");
        runScript(otherApp, "PRAGMA application_id = 42;\nPRAGMA user_version = 1;");
        assertThatThrownBy(() -> VmLibrary.open(otherApp))
                .isInstanceOf(LibraryException.class).hasMessageContaining("another application");
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAtItsOldVersion() throws Exception {
        Path file = v1Database(tmp.resolve("broken.db"));
        runScript(file, "INSERT INTO vms (id, name, os_type, state, created_at, definition_json) "
                + "VALUES ('bad-1', 'Broken', 'other', 'STOPPED', '2024-01-01T00:00:00Z', 'not json {');");

        assertThatThrownBy(() -> VmLibrary.open(file))
                .isInstanceOf(LibraryException.class)
                .hasMessageContaining("'Broken'").hasMessageContaining("schema version 2").hasMessageContaining("not JSON");
        assertThat(pragma(file, "user_version")).isEqualTo(1);
        assertThat(schema(file)).doesNotContain("vm_tags").doesNotContain("last_run_at");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT definition_json FROM vms WHERE name = 'Debian 12'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("\"tags\":[\"dev\",\"server\"]");
        }
    }

    @Test
    void migrationStepsAreNumberedOneAfterAnother() {
        for (int i = 0; i < SchemaMigrator.STEPS.size(); i++) {
            assertThat(SchemaMigrator.STEPS.get(i).targetVersion()).isEqualTo(i + 1);
        }
    }

    private static Object pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    /** The schema as SQLite reports it, normalised for comparison. */
    private static String schema(Path file) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append('\n');
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m, pragma_table_info(m.name) p "
                     + "WHERE m.type = 'table' ORDER BY m.name, p.name")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('.').append(rs.getString(2)).append(' ').append(rs.getString(3))
                        .append(rs.getInt(4) == 1 ? " NOT NULL" : "").append(rs.getInt(5) > 0 ? " PK" : "").append('\n');
            }
        }
        return sb.toString();
    }
}
