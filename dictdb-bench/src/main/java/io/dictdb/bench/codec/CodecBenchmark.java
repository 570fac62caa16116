package io.dictdb.bench.codec;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Save and load of a one-table database of {@code records} records with the codec named by {@code codec}, against
 * raw Jackson streaming of the same maps (no tags, no frame, generic maps): {@code save} and {@code load} are the
 * whole public operations (snapshot, frame, CRC32C, fsync and atomic rename; load verifies the checksum and builds
 * the table); {@code codecWrite} and {@code codecRead} are the codec alone on a buffered file stream. File sizes
 * are printed at tear-down ({@code # size ...}). Part B's codecs appear by adding them to {@code codec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class CodecBenchmark {

    /** The codec's name. */
    @Param({"json", "cbor", "kryo"})
    public String codec;

    /** How many records. */
    @Param({"1000000"})
    public int records;

    private DictDB db;
    private Codec theCodec;
    private List<Record> list;
    private Path dir;
    private Path saved;
    private Path codecFile;
    private Path rawFile;
    private final JsonFactory jackson = new JsonFactory();

    /** Builds the database and writes each kind of file once, for the reads. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        theCodec = Codecs.named(codec);
        db = DictDB.create();
        Table t = db.createTable("users");
        list = new ArrayList<>(records);
        insertUsers(t, records);
        list.addAll(t.all());
        dir = Files.createTempDirectory("dictdb-codec-bench");
        saved = dir.resolve("saved." + theCodec.fileExtension());
        codecFile = dir.resolve("codec." + theCodec.fileExtension());
        rawFile = dir.resolve("raw.json");
        save();
        codecWrite();
        rawJacksonWrite();
    }

    /** Prints the file sizes and deletes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%n# size codec=%s records=%d saved=%d codecPayload=%d rawJackson=%d bytes%n", codec, records,
                Files.size(saved), Files.size(codecFile), Files.size(rawFile));
        for (Path p : List.of(saved, codecFile, rawFile)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    /**
     * {@code Database.save}: snapshot, codec, frame, fsync, rename.
     *
     * @return the file
     */
    @Benchmark
    public Path save() {
        db.save(saved, codec);
        return saved;
    }

    /**
     * {@code DictDB.load}: checksum, codec, table build.
     *
     * @return the record count
     */
    @Benchmark
    public long load() {
        return DictDB.load(saved).table("users").count();
    }

    /**
     * The codec's writer alone.
     *
     * @return the file
     * @throws IOException on failure
     */
    @Benchmark
    public Path codecWrite() throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(codecFile), 1 << 16);
             ImageWriter w = theCodec.newWriter(out)) {
            w.writeHeader(ImageHeader.full(records, Instant.EPOCH));
            w.beginTable(new TableDefinition("users", "id", null, List.of()));
            for (Record r : list) {
                w.writeRecord(r);
            }
            w.endTable();
            w.writeTableStates(List.of(new TableState("users", records + 1L)));
            w.finish();
        }
        return codecFile;
    }

    /**
     * The codec's reader alone.
     *
     * @return the record count
     * @throws IOException on failure
     */
    @Benchmark
    public long codecRead() throws IOException {
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(codecFile), 1 << 16);
             ImageReader r = theCodec.newReader(in)) {
            r.readHeader();
            while (r.nextTable() != null) {
                while (r.nextRecord() != null) {
                    n++;
                }
            }
            r.readTableStates();
            r.finish();
        }
        return n;
    }

    /**
     * Raw Jackson: an array of the same maps, written generically.
     *
     * @return the file
     * @throws IOException on failure
     */
    @Benchmark
    public Path rawJacksonWrite() throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(rawFile), 1 << 16);
             JsonGenerator g = jackson.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            for (Record r : list) {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : r.entrySet()) {
                    g.writeName(e.getKey());
                    Object v = e.getValue();
                    if (v instanceof String s) {
                        g.writeString(s);
                    } else if (v instanceof Long l) {
                        g.writeNumber(l.longValue());
                    } else if (v instanceof Double d) {
                        g.writeNumber(d.doubleValue());
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return rawFile;
    }

    /**
     * Raw Jackson: the array read back into maps.
     *
     * @return the record count
     * @throws IOException on failure
     */
    @Benchmark
    public long rawJacksonRead() throws IOException {
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rawFile), 1 << 16);
             JsonParser p = jackson.createParser(ObjectReadContext.empty(), in)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> m = new LinkedHashMap<>();
                String name;
                while ((name = p.nextName()) != null) {
                    JsonToken t = p.nextToken();
                    m.put(name, switch (t) {
                        case VALUE_STRING -> p.getString();
                        case VALUE_NUMBER_INT -> p.getLongValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        default -> null;
                    });
                }
                if (!m.isEmpty()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Inserts {@code n} user records of six fields (text, long, double, boolean), the data set of the codec and
     * backup benchmarks.
     *
     * @param t the table
     * @param n the number of records
     */
    public static void insertUsers(Table t, int n) {
        for (int i = 0; i < n; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "user-" + i);
            m.put("age", 18L + i % 60);
            m.put("dept", "dept-" + i % 50);
            m.put("score", i * 0.25);
            m.put("active", i % 3 == 0);
            m.put("email", "user" + i + "@example.com");
            t.insert(m);
        }
    }
}
