package io.dictdb.cli;

import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.spi.IndexDefinition;
import org.junit.jupiter.api.Test;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** The stats command names each index with everything it has, a plain one as before. */
class StatsIndexTextTest {
    @Test
    void anIndexIsShownWithItsNameTypeAndParts() {
        assertThat(StatsCommand.index(new IndexDefinition("name", IndexType.HASH))).isEqualTo("name (hash)");
        assertThat(StatsCommand.index(IndexDefinition.of(IndexSpec.sorted("city", "age"))))
                .isEqualTo("city+age (sorted)");
        assertThat(StatsCommand.index(IndexDefinition.of(IndexSpec.hash("email").unique()
                .where(field("deleted").eq(false))))).isEqualTo("email (hash, unique, where deleted == false)");
        assertThat(StatsCommand.index(IndexDefinition.of(IndexSpec.elements("tags")))).isEqualTo("tags[] (elements)");
    }
}
