package org.vmstation.engine.library;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Version 1, the first released schema: one row per VM, the whole definition (tags and notes included) as JSON,
 * and the name unique regardless of case.
 */
final class CreateSchemaV1 implements SchemaMigration {
    @Override
    public int targetVersion() { return 1; }

    @Override
    public String description() { return "create the vms table"; }

    @Override
    public void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE vms (
                        id              TEXT PRIMARY KEY NOT NULL,
                        name            TEXT NOT NULL,
                        os_type         TEXT NOT NULL,
                        state           TEXT NOT NULL DEFAULT 'STOPPED',
                        created_at      TEXT NOT NULL,
                        definition_json TEXT NOT NULL
                    )""");
            s.executeUpdate("CREATE UNIQUE INDEX vms_name_unique ON vms (name COLLATE NOCASE)");
            s.executeUpdate("PRAGMA application_id = " + LibraryDatabase.APPLICATION_ID);
        }
    }
}
