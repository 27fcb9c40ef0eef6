package org.vmstation.engine.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/**
 * The SQL for VM rows (schema version 2). Tags live in {@code vm_tags} and notes in their column, which are the
 * truth for both; the stored JSON carries the rest of the definition with tags and notes left empty.
 */
final class VmStore {
    private static final String COLUMNS =
            "SELECT v.id, v.definition_json, v.notes, v.state, v.created_at, v.last_run_at, v.state_changed_at FROM vms v";

    private final Path file;

    VmStore(Path file) {
        this.file = file;
    }

    /** Name → id of every VM, as {@link org.vmstation.engine.model.ValidationContext} wants it. */
    Map<String, String> namesToIds(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, id FROM vms"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    void insert(Connection c, VmDefinition vm, Instant createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO vms (id, name, os_type, state, created_at, state_changed_at, notes, definition_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            String created = Timestamps.format(createdAt);
            s.setString(1, vm.id());
            s.setString(2, vm.name());
            s.setString(3, vm.osType());
            s.setString(4, VmState.STOPPED.name());
            s.setString(5, created);
            s.setString(6, created);
            s.setString(7, vm.notes());
            s.setString(8, storedJson(vm));
            s.executeUpdate();
        }
        replaceTags(c, vm.id(), vm.tags());
    }

    boolean update(Connection c, VmDefinition vm) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE vms SET name = ?, os_type = ?, notes = ?, definition_json = ? WHERE id = ?")) {
            s.setString(1, vm.name());
            s.setString(2, vm.osType());
            s.setString(3, vm.notes());
            s.setString(4, storedJson(vm));
            s.setString(5, vm.id());
            if (s.executeUpdate() == 0) return false;
        }
        replaceTags(c, vm.id(), vm.tags());
        return true;
    }

    void replaceTags(Connection c, String id, List<String> tags) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM vm_tags WHERE vm_id = ?")) {
            del.setString(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO vm_tags (vm_id, position, tag) VALUES (?, ?, ?)")) {
            for (int i = 0; i < tags.size(); i++) {
                ins.setString(1, id);
                ins.setInt(2, i);
                ins.setString(3, tags.get(i));
                ins.addBatch();
            }
            if (!tags.isEmpty()) ins.executeBatch();
        }
    }

    boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM vms WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        }
    }

    boolean recordState(Connection c, String id, VmState state, Instant at) throws SQLException {
        String when = Timestamps.format(at);
        try (PreparedStatement s = c.prepareStatement("UPDATE vms SET state = ?, state_changed_at = ?,"
                + " last_run_at = CASE WHEN ? THEN ? ELSE last_run_at END WHERE id = ?")) {
            s.setString(1, state.name());
            s.setString(2, when);
            s.setBoolean(3, state == VmState.RUNNING);
            s.setString(4, when);
            s.setString(5, id);
            return s.executeUpdate() > 0;
        }
    }

    Optional<VmEntry> byId(Connection c, String id) throws SQLException, LibraryException {
        return single(c, COLUMNS + " WHERE v.id = ?", id);
    }

    Optional<VmEntry> byName(Connection c, String name) throws SQLException, LibraryException {
        return single(c, COLUMNS + " WHERE " + LibraryDatabase.FOLD_FUNCTION + "(v.name) = ?", QuerySql.fold(name));
    }

    List<VmEntry> query(Connection c, LibraryQuery q) throws SQLException, LibraryException {
        QuerySql sql = QuerySql.of(q);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS + sql.where + sql.orderBy)) {
            for (int i = 0; i < sql.parameters.size(); i++) s.setString(i + 1, sql.parameters.get(i));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows.add(Row.of(rs));
            }
        }
        Map<String, List<String>> tags = allTags(c);
        List<VmEntry> out = new ArrayList<>(rows.size());
        for (Row r : rows) out.add(entry(r, tags.getOrDefault(r.id, List.of())));
        return out;
    }

    private Optional<VmEntry> single(Connection c, String sql, String param) throws SQLException, LibraryException {
        Row row;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                row = Row.of(rs);
            }
        }
        return Optional.of(entry(row, tags(c, row.id)));
    }

    private List<String> tags(Connection c, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tag FROM vm_tags WHERE vm_id = ? ORDER BY position")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Map<String, List<String>> allTags(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT vm_id, tag FROM vm_tags ORDER BY vm_id, position");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
        return out;
    }

    private VmEntry entry(Row r, List<String> tags) throws LibraryException {
        VmDefinition stored;
        try {
            stored = DefinitionCodec.fromJson(r.json);
        } catch (DefinitionFormatException e) {
            throw new LibraryException("the VM with id " + r.id + " in the library at " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!stored.id().equals(r.id)) {
            throw new LibraryException("the VM row " + r.id + " in the library at " + file + " holds the definition of id " + stored.id());
        }
        VmState state;
        try {
            state = VmState.valueOf(r.state);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LibraryException("the VM with id " + r.id + " in the library at " + file + " has state '" + r.state
                    + "': expected one of " + List.of(VmState.values()), e);
        }
        VmDefinition def = stored.toBuilder().tags(tags).notes(r.notes).build();
        Instant created = Timestamps.parse(r.createdAt, "vms.created_at");
        Instant changed = Timestamps.parse(r.stateChangedAt, "vms.state_changed_at");
        return new VmEntry(def, state, created, Timestamps.parse(r.lastRunAt, "vms.last_run_at"), changed == null ? created : changed);
    }

    private static String storedJson(VmDefinition vm) {
        return DefinitionCodec.toJson(vm.toBuilder().tags(List.of()).notes("").build());
    }

    private record Row(String id, String json, String notes, String state, String createdAt, String lastRunAt, String stateChangedAt) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
        }
    }
}
