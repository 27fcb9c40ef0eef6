package org.vmstation.engine.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The JDBC connection to one library file: opening and configuring it, migrating it, and running work in
 * transactions. Not thread-safe; {@link VmLibrary} serialises access.
 *
 * <p>Several VMStation processes (CLI, GUI) use one file at once: WAL lets readers and a writer proceed together,
 * the busy timeout makes a writer wait for another rather than fail, and write transactions start with
 * {@code BEGIN IMMEDIATE} so two writers queue up front instead of deadlocking on a lock upgrade.
 */
final class LibraryDatabase implements AutoCloseable {
    /** {@code PRAGMA application_id}: "VMST", marking the file as a VMStation library. */
    static final int APPLICATION_ID = 0x564D5354;
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQL function folding text for case-insensitive search beyond ASCII (SQLite's own LIKE/NOCASE are ASCII-only). */
    static final String FOLD_FUNCTION = "vmstation_fold";

    private final Connection connection;
    private final Path file;
    private final int schemaVersion;
    private long dataVersion;

    private LibraryDatabase(Connection connection, Path file, int schemaVersion) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.schemaVersion = schemaVersion;
        this.dataVersion = readDataVersion();
    }

    static LibraryDatabase open(Path databaseFile) throws LibraryException {
        Path file = databaseFile.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new LibraryException(file + " is a folder: expected the library's database file, e.g. " + file.resolve(LibraryLocation.FILE_NAME));
        }
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new LibraryException("cannot create the folder " + file.getParent() + " for the library: " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        Connection c;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new LibraryException("cannot open the library at " + file + ": " + e.getMessage(), e);
        }
        try {
            int version = SchemaMigrator.migrate(c, file);
            Function.create(c, FOLD_FUNCTION, new FoldFunction(), 1, Function.FLAG_DETERMINISTIC);
            return new LibraryDatabase(c, file, version);
        } catch (LibraryException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw translate(e, file, "open the library");
        }
    }

    static void enableWal(Connection c) throws SQLException, LibraryException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rs.next() ? rs.getString(1) : "";
            // SQLite answers with the mode it is in; it stays in the old one where WAL is impossible (some network file systems).
            if (!"wal".equalsIgnoreCase(mode)) {
                System.getLogger(LibraryDatabase.class.getName()).log(System.Logger.Level.WARNING,
                        "library database could not switch to WAL (journal mode is " + mode + "); concurrent use will block more");
            }
        }
    }

    Path file() { return file; }

    int schemaVersion() { return schemaVersion; }

    interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, IOException, LibraryException, X;
    }

    /** Runs {@code work} in a write transaction; any exception rolls everything back. */
    <T, X extends Exception> T write(String what, Work<T, X> work) throws LibraryException, X {
        return transaction("BEGIN IMMEDIATE", what, work);
    }

    /** Runs {@code work} in a read transaction, so several SELECTs see one consistent snapshot. */
    <T> T read(String what, Work<T, RuntimeException> work) throws LibraryException {
        return transaction("BEGIN", what, work);
    }

    private <T, X extends Exception> T transaction(String begin, String what, Work<T, X> work) throws LibraryException, X {
        try {
            exec(begin);
        } catch (SQLException e) {
            throw translate(e, file, what);
        }
        try {
            T result = work.run(connection);
            exec("COMMIT");
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw translate(e, file, what);
        } catch (IOException e) {
            rollback(e);
            throw new LibraryException("could not " + what + ": " + e, e);
        } catch (Throwable e) {
            rollback(e);
            throw e;
        }
    }

    /** Whether another connection (another process, another VmLibrary) committed since the last call. */
    boolean changedElsewhere() throws LibraryException {
        try {
            long now = readDataVersion();
            boolean changed = now != dataVersion;
            dataVersion = now;
            return changed;
        } catch (SQLException e) {
            throw translate(e, file, "check the library for changes");
        }
    }

    private long readDataVersion() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void rollback(Throwable cause) {
        try {
            exec("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    static LibraryException translate(SQLException e, Path file, String what) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            int primary = code == null ? -1 : code.code & 0xff;
            if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return new LibraryException("could not " + what + ": the library at " + file + " stayed locked by another VMStation process for "
                        + BUSY_TIMEOUT_MS / 1000 + " s; try again", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return new LibraryException(file + " is not a VMStation library: it is not an SQLite database; the file was not changed", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_READONLY.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
                return new LibraryException("could not " + what + ": the library at " + file + " cannot be written (" + e.getMessage() + ")", e);
            }
        }
        return new LibraryException("could not " + what + " in the library at " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws LibraryException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw translate(e, file, "close the library");
        }
    }

    private static void closeQuietly(Connection c, Throwable cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Lower-cases with the root locale, so 'Ä' finds 'ä' where SQLite's ASCII-only folding would not. */
    private static final class FoldFunction extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String v = value_text(0);
            if (v == null) result(); else result(v.toLowerCase(Locale.ROOT));
        }
    }
}
