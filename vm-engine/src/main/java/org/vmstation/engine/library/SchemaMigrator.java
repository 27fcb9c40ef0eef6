package org.vmstation.engine.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a library database to {@link #CURRENT_VERSION}, one {@link SchemaMigration} at a time, all steps in one
 * transaction so a failure leaves the file at its old version. The version lives in {@code PRAGMA user_version}.
 *
 * <p>Everything that can refuse a file (too new, not SQLite, someone else's database) is checked before the first
 * write, so a refused file is left byte for byte as it was.
 */
final class SchemaMigrator {
    static final List<SchemaMigration> STEPS = List.of(new CreateSchemaV1(), new MoveTagsToTableV2());
    static final int CURRENT_VERSION = STEPS.size();

    private SchemaMigrator() {}

    /** Called on a fresh connection in autocommit mode; returns the version the database is at afterwards. */
    static int migrate(Connection c, Path file) throws LibraryException, SQLException {
        refuseForeign(c, file);
        LibraryDatabase.enableWal(c);
        if (userVersion(c) == CURRENT_VERSION) return CURRENT_VERSION;
        exec(c, "BEGIN IMMEDIATE");
        try {
            // Another process may have migrated between the check above and our write lock.
            int from = userVersion(c);
            refuseNewer(file, from);
            for (SchemaMigration step : STEPS) {
                if (step.targetVersion() <= from) continue;
                try {
                    step.apply(c);
                } catch (SQLException e) {
                    throw new LibraryException("could not upgrade the library at " + file + " to schema version "
                            + step.targetVersion() + " (" + step.description() + "): " + e.getMessage() + "; the file was left at version " + from, e);
                }
                exec(c, "PRAGMA user_version = " + step.targetVersion());
            }
            exec(c, "COMMIT");
        } catch (LibraryException | SQLException | RuntimeException e) {
            try {
                exec(c, "ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        return userVersion(c);
    }

    private static void refuseForeign(Connection c, Path file) throws LibraryException, SQLException {
        int version = userVersion(c);
        refuseNewer(file, version);
        int appId = intPragma(c, "PRAGMA application_id");
        if (appId != 0 && appId != LibraryDatabase.APPLICATION_ID) {
            throw new LibraryException(file + " is not a VMStation library: it is an SQLite database of another application (application_id "
                    + appId + ", expected " + LibraryDatabase.APPLICATION_ID + " or none); the file was not changed");
        }
        if (version == 0 && intPragma(c, "SELECT count(*) FROM sqlite_master") > 0) {
            throw new LibraryException(file + " is not a VMStation library: it is an SQLite database that already holds tables but has no "
                    + "VMStation schema version; the file was not changed");
        }
    }

    private static void refuseNewer(Path file, int version) throws LibraryException {
        if (version > CURRENT_VERSION) {
            throw new LibraryException("the library at " + file + " has schema version " + version
                    + ", but this VMStation build knows schema versions up to " + CURRENT_VERSION
                    + ": it was written by a newer VMStation. Update VMStation to open it; the file was not changed");
        }
        if (version < 0) {
            throw new LibraryException("the library at " + file + " has schema version " + version + ": expected 0 to " + CURRENT_VERSION);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        return intPragma(c, "PRAGMA user_version");
    }

    private static int intPragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
