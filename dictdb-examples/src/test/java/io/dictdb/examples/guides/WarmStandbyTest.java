package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the block of docs/standby.md and checks what its comments say. */
class WarmStandbyTest {

    @TempDir
    Path dir;

    @Test
    void theStandbyCatchesUpAndItsPromotionTakesWrites() throws Exception {
        Map<String, Object> r = WarmStandby.followAndPromote(dir.resolve("db"));
        assertThat(r.get("caughtUp")).isEqualTo(true);
        assertThat(r.get("replicated")).isEqualTo(2L);
        assertThat(r.get("lagNotNegative")).isEqualTo(true);
        assertThat(r.get("count")).isEqualTo(3L);
        assertThat((Long) r.get("sequence")).isEqualTo((Long) r.get("standbySequence") + 1);
    }
}
