package org.vmstation.engine.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Version 2: tags move out of the definition JSON into {@code vm_tags} (so SQL can filter by them), notes into a
 * column (so SQL can search them), and the library starts remembering when each VM last ran and last changed state.
 * From here on the columns are the truth for tags and notes; the JSON keeps them empty.
 *
 * <p>Works on the JSON tree rather than through {@link DefinitionCodec}, so this step keeps working unchanged
 * however the codec evolves.
 */
final class MoveTagsToTableV2 implements SchemaMigration {
    /**
     * Made on first use, not when the migrator's step list is built: every library open builds that list, and an
     * ObjectMapper there made every start pay Jackson's start-up (a quarter of a second cold) before the library
     * could open, although a library at version 2 never runs this step.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private record Row(String id, String name, String json) {}

    @Override
    public int targetVersion() { return 2; }

    @Override
    public String description() { return "move tags to vm_tags, notes to a column; add last_run_at and state_changed_at"; }

    @Override
    public void apply(Connection c) throws SQLException, LibraryException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE vms ADD COLUMN notes TEXT NOT NULL DEFAULT ''");
            s.executeUpdate("ALTER TABLE vms ADD COLUMN last_run_at TEXT");
            s.executeUpdate("ALTER TABLE vms ADD COLUMN state_changed_at TEXT");
            s.executeUpdate("UPDATE vms SET state_changed_at = created_at");
            s.executeUpdate("""
                    CREATE TABLE vm_tags (
                        vm_id    TEXT NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        tag      TEXT NOT NULL,
                        PRIMARY KEY (vm_id, position)
                    )""");
            s.executeUpdate("CREATE INDEX vm_tags_tag ON vm_tags (tag COLLATE NOCASE)");
        }
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, definition_json FROM vms")) {
            while (rs.next()) rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
        try (PreparedStatement tag = c.prepareStatement("INSERT INTO vm_tags (vm_id, position, tag) VALUES (?, ?, ?)");
             PreparedStatement vm = c.prepareStatement("UPDATE vms SET notes = ?, definition_json = ? WHERE id = ?")) {
            for (Row row : rows) {
                ObjectNode def = parse(row);
                JsonNode tags = def.path("tags");
                if (tags.isArray()) {
                    for (int i = 0; i < tags.size(); i++) {
                        if (!tags.get(i).isTextual()) throw bad(row, "tags[" + i + "] is not a string");
                        tag.setString(1, row.id());
                        tag.setInt(2, i);
                        tag.setString(3, tags.get(i).textValue());
                        tag.addBatch();
                    }
                } else if (!tags.isMissingNode() && !tags.isNull()) {
                    throw bad(row, "tags is not an array");
                }
                JsonNode notes = def.path("notes");
                if (!notes.isMissingNode() && !notes.isNull() && !notes.isTextual()) throw bad(row, "notes is not a string");
                def.putArray("tags");
                def.put("notes", "");
                vm.setString(1, notes.isTextual() ? notes.textValue() : "");
                vm.setString(2, write(def));
                vm.setString(3, row.id());
                vm.addBatch();
            }
            tag.executeBatch();
            vm.executeBatch();
        }
    }

    private static ObjectNode parse(Row row) throws LibraryException {
        String json = row.json();
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (n instanceof ObjectNode o) return o;
        } catch (JsonProcessingException e) {
            throw bad(row, "definition_json is not JSON (" + e.getOriginalMessage() + ")");
        }
        throw bad(row, "definition_json is not a JSON object");
    }

    private static String write(JsonNode n) throws LibraryException {
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new LibraryException("could not rewrite a VM definition during migration", e);
        }
    }

    private static LibraryException bad(Row row, String what) {
        return new LibraryException("VM '" + row.name() + "' (id " + row.id() + ") cannot be migrated to schema version 2: " + what);
    }
}
