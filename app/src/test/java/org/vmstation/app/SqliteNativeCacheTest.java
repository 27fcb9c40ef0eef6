package org.vmstation.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeCacheTest {
    @TempDir Path cache;

    private static byte[] driversCopy(Path lib) throws Exception {
        String platform = lib.getParent().getFileName().toString().replace('-', '/');
        try (InputStream in = SqliteNativeCacheTest.class.getClassLoader()
                .getResourceAsStream("org/sqlite/native/" + platform + "/" + SqliteNativeCache.LIB_NAME)) {
            return in.readAllBytes();
        }
    }

    @Test
    void copiesTheDriversLibraryOnceAndReusesIt() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        Path lib = SqliteNativeCache.prepare(cache, loader);
        // this project builds and tests on Linux x86_64 (CI too), where the cache is used
        assertThat(lib).isNotNull().isRegularFile();
        assertThat(cache.relativize(lib).toString()).matches("sqlite-jdbc-[0-9.]+/Linux-x86_64/libsqlitejdbc\\.so");
        assertThat(Files.readAllBytes(lib)).isEqualTo(driversCopy(lib));

        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, written);
        assertThat(SqliteNativeCache.prepare(cache, loader)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("a second start reuses the copy").isEqualTo(written);
        try (var files = Files.list(lib.getParent())) {
            assertThat(files).containsExactly(lib);
        }
    }

    @Test
    void aTruncatedCopyIsReplaced() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        Path lib = SqliteNativeCache.prepare(cache, loader);
        Files.write(lib, new byte[] {1, 2, 3});
        assertThat(SqliteNativeCache.prepare(cache, loader)).isEqualTo(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(driversCopy(lib));
    }
}
