package org.parley.privacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.parley.TestServer;

/**
 * Reads the server's database the way an auditor would: every table the schema has (found in
 * information_schema, so a table added later is covered without touching the tests), every row,
 * every column.
 */
public final class StoredRows {
    private final Jdbi jdbi;

    public StoredRows(TestServer server) {
        this.jdbi = server.server().database().jdbi();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("select table_name from information_schema.tables "
                        + "where lower(table_schema) = 'public' and table_type = 'BASE TABLE' order by table_name")
                .mapTo(String.class).map(t -> t.toLowerCase(Locale.ROOT)).list());
    }

    public List<String> columns(String table) {
        return jdbi.withHandle(h -> h.createQuery("select column_name from information_schema.columns "
                        + "where lower(table_schema) = 'public' and lower(table_name) = :t order by ordinal_position")
                .bind("t", table).mapTo(String.class).map(c -> c.toLowerCase(Locale.ROOT)).list());
    }

    /** Every row of {@code table}, column names in lower case. */
    public List<Map<String, Object>> rows(String table) {
        return jdbi.withHandle(h -> h.createQuery("select * from " + table).mapToMap().list());
    }

    public List<Map<String, Object>> rowsOf(String table, String column, Object value) {
        return jdbi.withHandle(h -> h.createQuery("select * from " + table + " where " + column + " = :v")
                .bind("v", value).mapToMap().list());
    }

    /** Every table's rows as sorted text, to prove a refused request changed nothing. */
    public Map<String, List<String>> snapshot() {
        var all = new TreeMap<String, List<String>>();
        for (String table : tables()) {
            all.put(table, rows(table).stream().map(row -> new TreeMap<>(row).toString()).sorted().toList());
        }
        return all;
    }

    /** "table.column" for every stored value that contains one of {@code needles} (ignoring case). */
    public List<String> whereFound(List<String> needles) {
        var found = new ArrayList<String>();
        for (String table : tables()) {
            for (Map<String, Object> row : rows(table)) {
                row.forEach((column, value) -> {
                    String text = text(value).toLowerCase(Locale.ROOT);
                    for (String needle : needles) {
                        if (text.contains(needle.toLowerCase(Locale.ROOT))) {
                            found.add(table + "." + column + " contains \"" + needle + "\"");
                        }
                    }
                });
            }
        }
        return found;
    }

    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> String.valueOf(value);
        };
    }
}
