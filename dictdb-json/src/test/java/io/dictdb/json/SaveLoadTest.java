package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Database.save and DictDB.load with the JSON codec, through the core. */
class SaveLoadTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Codecs.unregister("probe");
    }

    private static DictDB sample() {
        DictDB db = DictDB.create();
        Table users = db.createTable(TableSpec.named("users").primaryKey("id")
                .schema(Schema.builder().field("name", FieldType.STRING).optional("born", FieldType.DATE).build()));
        users.createIndex("name", IndexType.SORTED);
        users.insert(Map.of("name", "Alice", "born", LocalDate.of(1990, 1, 2)));
        users.insert(Map.of("name", "Bob"));
        users.insert(Map.of("name", "Carol"));
        users.delete(io.dictdb.query.Conditions.field("name").eq("Carol"));
        Table misc = db.createTable("misc", "key");
        misc.createIndex("v", IndexType.HASH);
        misc.insert(Map.of("key", "a", "v", -0.0, "when", Instant.parse("2024-05-06T07:08:09.123456789Z")));
        misc.insert(Map.of("key", "b", "v", Double.NaN, "d", new BigDecimal("1.500"), "u", new UUID(1, 2),
                "bytes", new byte[] {1, 2, 3}, "nested", Map.of("$tag", List.of(1L, Map.of()))));
        db.createTable("empty");
        return db;
    }

    @Test
    void aSavedDatabaseLoadsBackWithItsTablesSchemasIndexesCountersAndSequence() {
        DictDB db = sample();
        Path file = dir.resolve("db.json");
        db.save(file);
        Database back = DictDB.load(file);
        assertThat(back.tableNames()).containsExactly("users", "misc", "empty");
        for (String t : db.tableNames()) {
            Table a = db.table(t);
            Table b = back.table(t);
            assertThat(b.primaryKey()).isEqualTo(a.primaryKey());
            assertThat(b.schema()).isEqualTo(a.schema());
            assertThat(b.indexedFields()).isEqualTo(a.indexedFields());
            assertThat(b.all()).hasSameSizeAs(a.all());
            for (Record r : a.all()) {
                Record other = b.get(r.get(a.primaryKey())).orElseThrow();
                assertThat(io.dictdb.codec.tck.Strict.difference(r, other)).isNull();
            }
        }
        assertThat(((DictDB) back).sequence()).isEqualTo(db.sequence());
        // the key counter survives: Carol (3) was deleted, the next key is still 4
        assertThat(back.table("users").insert(Map.of("name", "Dan"))).isEqualTo(4L);
        assertThat(back.table("users").index("name").orElseThrow().type()).isEqualTo(IndexType.SORTED);
    }

    @Test
    void theDatabaseIdSurvivesSaveAndLoadAndAFileWithoutOneLoadsWithANewId() {
        DictDB db = sample();
        Path file = dir.resolve("db.json");
        db.save(file);
        assertThat(ImageFiles.standard().inspect(file).header().databaseId()).isEqualTo(db.databaseId());
        assertThat(((DictDB) DictDB.load(file)).databaseId()).isEqualTo(db.databaseId());

        Path old = dir.resolve("old.json"); // as written before databases had ids
        ImageFiles.standard().write(old, new JsonCodec(), io.dictdb.spi.ImageHeader.full(0, Instant.EPOCH),
                w -> w.writeTableStates(List.of()));
        DictDB loaded = (DictDB) DictDB.load(old);
        assertThat(loaded.databaseId()).isNotNull().isNotEqualTo(db.databaseId());
        assertThat(loaded.snapshot().fullHeader().databaseId()).isEqualTo(loaded.databaseId());
    }

    @Test
    void theFileIsFramedAndReadableText() throws Exception {
        Path file = dir.resolve("db.json");
        sample().save(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("DICTDB-IMAGE 1 codec=json format=1 kind=FULL first=1 ");
        assertThat(text).contains("\"name\":\"Alice\"").contains("{\"$double\":\"-0.0\"}")
                .contains("{\"$map\":{\"$tag\"");
        assertThat(text).containsPattern("\nDICTDB-END length=\\d{19} crc32c=[0-9a-f]{8}\n$");
        assertThat(ImageFiles.standard().inspect(file).header().lastSequence()).isEqualTo(sample().sequence());
    }

    @Test
    void theFormatComesFromTheExtensionOrDefaultsToJson() throws Exception {
        DictDB db = sample();
        Path noExt = dir.resolve("snapshot");
        db.save(noExt);
        assertThat(ImageFiles.standard().inspect(noExt).codec()).isEqualTo("json");
        assertThat(DictDB.load(noExt).tableNames()).hasSize(3);
        assertThatThrownBy(() -> db.save(dir.resolve("db.kryo"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("io.dictdb:dictdb-binary");
        assertThatThrownBy(() -> db.save(dir.resolve("db.json"), "nope")).isInstanceOf(CodecException.class)
                .hasMessageContaining("json (.json)");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("snapshot");
    }

    @Test
    void loadErrorsNameTheFile() throws Exception {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> DictDB.load(missing)).isInstanceOf(CodecException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
        Path delta = dir.resolve("delta.json");
        ImageFiles.standard().write(delta, new JsonCodec(), ImageHeader.delta(1, 0, null, Instant.EPOCH),
                w -> w.writeTableStates(List.of()));
        assertThatThrownBy(() -> DictDB.load(delta)).isInstanceOf(CodecException.class)
                .hasMessageContaining(delta.toString()).hasMessageContaining("not a full save");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"hello\": 1}");
        assertThatThrownBy(() -> DictDB.load(garbage)).isInstanceOf(CodecException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("not a DictDB image");
    }

    @Test
    void aSaveIsAConsistentSnapshotWhileWritersRun() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("a");
        db.createTable("b");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            long i = 0;
            while (!stop.get()) {
                long n = ++i;
                db.atomically(List.of("a", "b"), () -> {
                    db.table("a").insert(Map.of("n", n));
                    db.table("b").insert(Map.of("n", n));
                    return null;
                });
            }
        });
        writer.start();
        try {
            for (int k = 0; k < 5; k++) {
                Path file = dir.resolve("live" + k + ".json");
                db.save(file);
                Database back = DictDB.load(file);
                assertThat(back.table("a").count()).isEqualTo(back.table("b").count());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    /** Records the thread each writer and reader is created on. */
    private static final class ProbeCodec implements Codec {
        final JsonCodec json = new JsonCodec();
        final AtomicReference<Thread> writerThread = new AtomicReference<>();
        final AtomicReference<Thread> readerThread = new AtomicReference<>();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public String fileExtension() {
            return "probe";
        }

        @Override
        public ImageWriter newWriter(OutputStream out) {
            writerThread.set(Thread.currentThread());
            return json.newWriter(out);
        }

        @Override
        public ImageReader newReader(InputStream in) {
            readerThread.set(Thread.currentThread());
            return json.newReader(in);
        }
    }

    private static void assertNotCommonPool(Thread t) {
        assertThat(t).isNotNull();
        assertThat(t.getName()).doesNotContain("ForkJoinPool");
        assertThat(t).isNotSameAs(Thread.currentThread());
    }

    @Test
    void asyncSaveAndLoadRunOnTheDedicatedDaemonExecutorNotTheCommonPool() throws Exception {
        ProbeCodec probe = new ProbeCodec();
        Codecs.register(probe);
        Path file = dir.resolve("async.probe");
        DictDB db = sample();
        db.saveAsync(file, "probe").get(30, TimeUnit.SECONDS);
        assertNotCommonPool(probe.writerThread.get());
        assertThat(probe.writerThread.get().getName()).startsWith("dictdb-async-");
        assertThat(probe.writerThread.get().isDaemon()).isTrue();
        Database back = DictDB.loadAsync(file, null).get(30, TimeUnit.SECONDS);
        assertThat(back.tableNames()).containsExactly("users", "misc", "empty");
        assertNotCommonPool(probe.readerThread.get());
        assertThat(probe.readerThread.get().getName()).startsWith("dictdb-async-");
    }

    @Test
    void asyncSaveAndLoadUseTheBuildersExecutor() throws Exception {
        ProbeCodec probe = new ProbeCodec();
        Codecs.register(probe);
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        try {
            DictDB db = DictDB.builder().asyncExecutor(mine).build();
            db.createTable("t").insert(Map.of("x", 1L));
            Path file = dir.resolve("mine.probe");
            db.saveAsync(file, "probe").get(30, TimeUnit.SECONDS);
            assertThat(probe.writerThread.get().getName()).isEqualTo("mine");
            CompletableFuture<Database> loading = DictDB.builder().asyncExecutor(mine).loadAsync(file, "probe");
            assertThat(loading.get(30, TimeUnit.SECONDS).table("t").count()).isEqualTo(1);
            assertThat(probe.readerThread.get().getName()).isEqualTo("mine");
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void asyncFailuresCompleteTheFutureWithACodecException() {
        CompletableFuture<Database> f = DictDB.loadAsync(dir.resolve("none.json"), null);
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CodecException.class);
    }

    @Test
    void saveErrorsForAMissingCodecNameTheFile() throws Exception {
        DictDB db = sample();
        Path kryo = dir.resolve("db.kryo");
        assertThatThrownBy(() -> db.save(kryo)).isInstanceOf(CodecException.class)
                .hasMessageContaining(kryo.toString()).hasMessageContaining("io.dictdb:dictdb-binary");
        Path json = dir.resolve("db.json");
        assertThatThrownBy(() -> db.save(json, "nope")).isInstanceOf(CodecException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("json (.json)");
        assertThatThrownBy(() -> db.saveAsync(json, "nope").join()).hasCauseInstanceOf(CodecException.class)
                .hasMessageContaining(json.toString());
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void asyncSaveWritesTheDatabaseAsItWasWhenCalled() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        ExecutorService held = Executors.newSingleThreadExecutor();
        try {
            held.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            DictDB db = DictDB.builder().asyncExecutor(held).build();
            Table t = db.createTable("t");
            t.insert(Map.of("x", 1L));
            Path file = dir.resolve("then.json");
            CompletableFuture<Void> saving = db.saveAsync(file, "json");
            t.insert(Map.of("x", 2L));              // after the call, before the executor runs the save
            t.update(Map.of("x", 10L), io.dictdb.query.Conditions.field("x").eq(1L));
            go.countDown();
            saving.get(30, TimeUnit.SECONDS);
            Database back = DictDB.load(file);
            assertThat(back.table("t").all()).extracting(r -> r.get("x")).containsExactly(1L);
        } finally {
            held.shutdownNow();
        }
    }
}
