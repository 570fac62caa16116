package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one name format: what {@link BackupFileName} builds it parses back, and names sort in time order. */
class BackupFileNameTest {
    /** 2001-09-09 to 2286-11-20: the seconds have ten digits, as every name written in this era has. */
    private static final long FIRST_TEN_DIGITS = 1_000_000_000L * 1_000_000L;
    private static final long LAST_TEN_DIGITS = 9_999_999_999L * 1_000_000L + 999_999L;

    @TempDir
    Path dir;

    @Test
    void aBuiltNameParsesBackToItsParts() {
        qt().forAll(longs().between(0, LAST_TEN_DIGITS), booleans().all(),
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 16))
                .checkAssert((micros, full, ext) -> {
                    BackupFile.Kind kind = full ? BackupFile.Kind.FULL : BackupFile.Kind.DELTA;
                    BackupFileName name = BackupFileName.at(kind, micros, ext);
                    String text = name.toString();
                    assertThat(BackupFileName.matches(text)).as(text).isTrue();
                    assertThat(BackupFileName.parse(text)).contains(name);
                    assertThat(name.micros()).isEqualTo(micros);
                    assertThat(name.instant())
                            .isEqualTo(Instant.ofEpochSecond(micros / 1_000_000L, micros % 1_000_000L * 1000));
                    assertThat(BackupFileName.isTemporary(text)).isFalse();
                    assertThat(BackupFileName.isTemporary("." + text + ".1a2b3c4d.tmp")).isTrue();
                });
    }

    @Test
    void namesOfOneKindSortInTimeOrder() {
        qt().forAll(longs().between(FIRST_TEN_DIGITS, LAST_TEN_DIGITS),
                        longs().between(FIRST_TEN_DIGITS, LAST_TEN_DIGITS))
                .checkAssert((a, b) -> {
                    String x = BackupFileName.at(BackupFile.Kind.DELTA, a, "json").toString();
                    String y = BackupFileName.at(BackupFile.Kind.DELTA, b, "json").toString();
                    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Long.signum(Long.compare(a, b)));
                });
    }

    @Test
    void otherNamesAreNotBackups() {
        for (String s : new String[] {"dictdb_backup_1_000001.json.tmp", "dictdb_backup_1_1.json",
                "dictdb_full_1_000001.json", "dictdb_backup_1_000001", "data.json",
                "dictdb_backup_1_000001.json-x", "dictdb_delta_12345678901234567890_000001.json"}) {
            assertThat(BackupFileName.parse(s)).as(s).isEmpty();
            assertThat(BackupFileName.matches(s)).as(s).isFalse();
        }
    }

    @Test
    void secondsPastAnInstantParseAsTheLatestInstant() {
        BackupFileName n = BackupFileName.parse("dictdb_backup_9999999999999999999_000001.json").orElseThrow();
        assertThat(n.kind()).isEqualTo(BackupFile.Kind.FULL);
        assertThat(n.epochSecond()).isEqualTo(Long.MAX_VALUE);
        assertThat(n.instant()).isEqualTo(Instant.MAX);
    }

    @Test
    void aFreeNameSkipsTimesTakenByEitherKind() throws IOException {
        long t = 1_700_000_000_000_000L;
        Files.createFile(dir.resolve(BackupFileName.at(BackupFile.Kind.FULL, t, "json").toString()));
        Files.createFile(dir.resolve(BackupFileName.at(BackupFile.Kind.DELTA, t + 1, "json").toString()));
        BackupFileName free = BackupFileName.free(dir, BackupFile.Kind.DELTA, t, "json");
        assertThat(free).isEqualTo(BackupFileName.at(BackupFile.Kind.DELTA, t + 2, "json"));
        assertThat(free.toString()).isEqualTo("dictdb_delta_1700000000_000002.json");
        // another extension is another name
        assertThat(BackupFileName.free(dir, BackupFile.Kind.FULL, t, "cbor").micros()).isEqualTo(t);
    }
}
