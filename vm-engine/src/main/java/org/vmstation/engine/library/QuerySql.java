package org.vmstation.engine.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vmstation.engine.runtime.VmState;

/** Turns a {@link LibraryQuery} into a WHERE and ORDER BY over {@code vms v}, with its parameters in order. */
final class QuerySql {
    private static final String FOLD = LibraryDatabase.FOLD_FUNCTION;

    final String where;
    final String orderBy;
    final List<String> parameters;

    private QuerySql(String where, String orderBy, List<String> parameters) {
        this.where = where;
        this.orderBy = orderBy;
        this.parameters = List.copyOf(parameters);
    }

    static QuerySql of(LibraryQuery q) {
        List<String> conditions = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (q.text() != null) {
            String pattern = "%" + escapeLike(fold(q.text())) + "%";
            conditions.add("(" + FOLD + "(v.name) LIKE ? ESCAPE '\\' OR " + FOLD + "(v.os_type) LIKE ? ESCAPE '\\' OR "
                    + FOLD + "(v.notes) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM vm_tags t WHERE t.vm_id = v.id AND "
                    + FOLD + "(t.tag) LIKE ? ESCAPE '\\'))");
            for (int i = 0; i < 4; i++) params.add(pattern);
        }
        if (!q.states().isEmpty()) {
            List<VmState> states = q.states().stream().sorted().toList();
            conditions.add("v.state IN (" + states.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")");
            states.forEach(s -> params.add(s.name()));
        }
        if (q.tag() != null) {
            conditions.add("EXISTS (SELECT 1 FROM vm_tags t WHERE t.vm_id = v.id AND " + FOLD + "(t.tag) = ?)");
            params.add(fold(q.tag()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new QuerySql(where, " ORDER BY " + orderBy(q.sort(), q.descending()), params);
    }

    private static String orderBy(LibraryQuery.SortKey key, boolean descending) {
        String dir = descending ? " DESC" : " ASC";
        String byName = FOLD + "(v.name) ASC, v.name ASC, v.id ASC";
        return switch (key) {
            case NAME -> FOLD + "(v.name)" + dir + ", v.name" + dir + ", v.id" + dir;
            // Never-run VMs go last in both directions: "most recently run first" should not open with them.
            case LAST_RUN -> "(v.last_run_at IS NULL) ASC, v.last_run_at" + dir + ", " + byName;
            case CREATED -> "v.created_at" + dir + ", " + byName;
            case STATE -> stateOrdinal() + dir + ", " + byName;
            case OS -> FOLD + "(v.os_type)" + dir + ", " + byName;
        };
    }

    /** States sort in the enum's order, not alphabetically. */
    private static String stateOrdinal() {
        StringBuilder sb = new StringBuilder("CASE v.state");
        for (VmState s : VmState.values()) sb.append(" WHEN '").append(s.name()).append("' THEN ").append(s.ordinal());
        return sb.append(" ELSE ").append(VmState.values().length).append(" END").toString();
    }

    static String fold(String s) { return s.toLowerCase(Locale.ROOT); }

    /** Makes % and _ in the user's text match themselves. */
    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
