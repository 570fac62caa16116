package io.dictdb.reliability;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A database's content as a canonical text and its SHA-256: every table in name order with its primary key,
 * schema, indexes (by field) and key counter, and its records in key order with their fields in name order and
 * every value typed. Two databases with the same digest hold the same content; the sequence number is left out.
 */
public final class DbDigest {
    private DbDigest() {
    }

    /**
     * The canonical text of a database's content.
     *
     * @param db a {@link DictDB}
     * @return the text
     */
    public static String text(Database db) {
        return text(((DictDB) db).snapshot());
    }

    /**
     * The canonical text of a snapshot's content.
     *
     * @param snap the snapshot
     * @return the text
     */
    public static String text(Snapshot snap) {
        List<Snapshot.TableImage> tables = new ArrayList<>(snap.tables());
        tables.sort((a, b) -> a.definition().name().compareTo(b.definition().name()));
        StringBuilder sb = new StringBuilder();
        for (Snapshot.TableImage t : tables) {
            TableDefinition d = t.definition();
            List<String> indexes = new ArrayList<>();
            for (IndexDefinition i : d.indexes()) {
                indexes.add(String.valueOf(i));
            }
            indexes.sort(null);
            sb.append("table ").append(d.name()).append(" pk=").append(d.primaryKey()).append(" schema=")
                    .append(d.schema()).append(" indexes=").append(indexes).append(" nextKey=").append(t.nextKey())
                    .append('\n');
            List<Record> records = new ArrayList<>(t.records());
            records.sort((a, b) -> Values.compare(a.get(d.primaryKey()), b.get(d.primaryKey())));
            for (Record r : records) {
                sb.append("  ");
                render(r, sb);
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The SHA-256 of {@link #text(Database)}, in hex.
     *
     * @param db a {@link DictDB}
     * @return the digest
     */
    public static String of(Database db) {
        return sha256(text(db));
    }

    /**
     * The SHA-256 of a text, in hex.
     *
     * @param text the text
     * @return the digest
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void render(Object v, StringBuilder sb) {
        if (v instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) {
                keys.add((String) k);
            }
            keys.sort(null);
            sb.append('{');
            for (String k : keys) {
                sb.append(k).append('=');
                render(m.get(k), sb);
                sb.append(';');
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (Object e : l) {
                render(e, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (v instanceof byte[] b) {
            sb.append("bytes:").append(HexFormat.of().formatHex(b));
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append("Double:").append(Double.doubleToLongBits(d));
        } else {
            sb.append(v.getClass().getSimpleName()).append(':').append(v);
        }
    }
}
