package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a stopped server's H2 database holds, as text to search (one char per byte): every
 * cell of every table, then the database's files as raw bytes, in case something sits in a page
 * no table shows.
 */
public final class DatabaseDump {
    private DatabaseDump() {
    }

    public static String of(Path dataDir) {
        try {
            return Needles.bytesAsText(cells(dataDir)) + Needles.bytesAsText(files(dataDir));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database in " + dataDir, e);
        }
    }

    /** Every cell of every table, strings as UTF-8 and binary columns as they are. */
    private static byte[] cells(Path dataDir) throws SQLException {
        var out = new ByteArrayOutputStream();
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        int cells = 0;
        try (var db = DriverManager.getConnection(url, "", "")) {
            List<String> tables = new ArrayList<>();
            try (var rs = db.createStatement().executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema <> 'information_schema'")) {
                while (rs.next()) {
                    tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            assertThat(tables).as("tables found").hasSizeGreaterThan(3);
            for (String table : tables) {
                try (ResultSet rows = db.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            out.writeBytes(value instanceof byte[] raw ? raw
                                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                            out.write(0);
                            cells++;
                        }
                    }
                }
            }
        }
        assertThat(cells).as("cells dumped").isGreaterThan(10);
        return out.toByteArray();
    }

    private static byte[] files(Path dataDir) {
        var out = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("parley.")).toList()) {
                out.writeBytes(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
