package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup counts only once it reads back whole: a file a codec writes but cannot read is a failed backup. */
class ReadBackTest {
    /** While set, the test codec's reader refuses every record that has a field named {@code poison}. */
    private static volatile boolean poisoned = true;

    @TempDir
    Path dir;

    private final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void register() {
        poisoned = true;
        Codecs.register(new PoisonedJson());
    }

    @AfterEach
    void unregister() {
        Codecs.unregister("poisoned-json");
    }

    private BackupManager manager(DictDB db) {
        return BackupManager.builder(db, dir).format("poisoned-json").incremental(true)
                .onFailure((e, n) -> failures.add(e)).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aFullThatDoesNotDecodeIsAFailureIsDeletedAndTheNextBackupIsAFullAgain() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("t").insert(Map.of("v", 1L));
        try (BackupManager m = manager(db)) {
            Path first = m.backupFull().path();
            db.table("t").insert(Map.of("poison", true));
            assertThatThrownBy(m::backupFull).isInstanceOf(BackupException.class)
                    .hasMessageContaining("does not read back").hasMessageContaining("poisoned record");
            assertThat(files()).containsExactly(first); // deleted; the older full is untouched
            assertThat(failures).hasSize(1);
            assertThat(m.status().consecutiveFailures()).isEqualTo(1);
            assertThat(m.status().lastError()).isPresent();

            poisoned = false;
            BackupFile next = m.backupNow().orElseThrow();
            assertThat(next.kind()).isEqualTo(BackupFile.Kind.FULL);
            assertThat(m.status().consecutiveFailures()).isZero();
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
        }
    }

    @Test
    void aDeltaThatDoesNotDecodeIsDeletedAndItsChangesAreCarriedByTheNextOne() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("t").insert(Map.of("v", 1L));
        try (BackupManager m = manager(db)) {
            BackupFile full = m.backupFull();
            db.table("t").insert(Map.of("v", 2L));
            db.table("t").insert(Map.of("poison", "yes"));
            assertThatThrownBy(m::backupDelta).isInstanceOf(BackupException.class)
                    .hasMessageContaining("does not read back");
            assertThat(files()).containsExactly(full.path());
            assertThat(failures).hasSize(1);

            poisoned = false;
            BackupFile delta = m.backupDelta().orElseThrow();
            assertThat(delta.kind()).isEqualTo(BackupFile.Kind.DELTA);
            assertThat(delta.firstSequence()).isEqualTo(full.lastSequence() + 1);
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
        }
    }

    /** JSON, but its reader fails on any record with a field named {@code poison} while {@link #poisoned}. */
    static final class PoisonedJson implements Codec {
        private final Codec json = Codecs.named("json");

        @Override
        public String name() {
            return "poisoned-json";
        }

        @Override
        public String fileExtension() {
            return "pjson";
        }

        @Override
        public ImageWriter newWriter(OutputStream out) {
            return json.newWriter(out);
        }

        @Override
        public ImageReader newReader(InputStream in) {
            ImageReader r = json.newReader(in);
            return new ImageReader() {
                @Override
                public ImageHeader readHeader() throws IOException {
                    return r.readHeader();
                }

                @Override
                public TableDefinition nextTable() throws IOException {
                    return r.nextTable();
                }

                @Override
                public Record nextRecord() throws IOException {
                    return check(r.nextRecord());
                }

                @Override
                public Change nextChange() throws IOException {
                    Change c = r.nextChange();
                    if (c instanceof Change.Upsert u) {
                        check(u.record());
                    }
                    return c;
                }

                @Override
                public List<TableState> readTableStates() throws IOException {
                    return r.readTableStates();
                }

                @Override
                public void finish() throws IOException {
                    r.finish();
                }

                @Override
                public void close() throws IOException {
                    r.close();
                }
            };
        }

        private static Record check(Record record) {
            if (poisoned && record != null && record.containsKey("poison")) {
                throw new CodecException("cannot read a poisoned record");
            }
            return record;
        }
    }
}
