package org.vmstation.engine.library;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One forward step of the library schema, from {@code targetVersion() - 1} to {@code targetVersion()}. Steps run
 * inside the migrator's transaction and must not commit. Once released a step is frozen: a later change to the
 * schema is a new step, never an edit, because databases in the field were made by the old one.
 */
interface SchemaMigration {
    int targetVersion();

    String description();

    void apply(Connection c) throws SQLException, LibraryException;
}
