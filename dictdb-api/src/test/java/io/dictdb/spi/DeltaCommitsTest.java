package io.dictdb.spi;

import io.dictdb.CodecException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CommitRange} and the checks of {@link DeltaCommits} every codec's reader goes through. */
class DeltaCommitsTest {
    private static final ImageHeader DELTA = ImageHeader.delta(10, 19, "base", Instant.EPOCH);

    @Test
    void aCommitRangeListsTwoChangesOrMoreNumberedFromOne() {
        assertThat(new CommitRange(1, 2).size()).isEqualTo(2);
        assertThat(new CommitRange(4, 9).contains(9)).isTrue();
        assertThat(new CommitRange(4, 9).contains(3)).isFalse();
        assertThat(new CommitRange(1, Long.MAX_VALUE).size()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new CommitRange(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new CommitRange(5, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5..5");
        assertThatThrownBy(() -> new CommitRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCountIsBoundedByHalfTheHeadersRange() {
        assertThat(DeltaCommits.maxCount(DELTA)).isEqualTo(5);
        assertThat(DeltaCommits.maxCount(ImageHeader.delta(10, 9, "base", Instant.EPOCH))).isZero();
        assertThat(DeltaCommits.maxCount(ImageHeader.delta(1, Long.MAX_VALUE - 1, "b", Instant.EPOCH)))
                .isEqualTo(Integer.MAX_VALUE - 8);
        DeltaCommits commits = new DeltaCommits(DELTA);
        assertThat(commits.checkCount(5)).isEqualTo(5);
        assertThatThrownBy(() -> commits.checkCount(6)).isInstanceOf(CodecException.class)
                .hasMessageContaining("6 commits").hasMessageContaining("10..19").hasMessageContaining("at most 5");
        assertThatThrownBy(() -> commits.checkCount(-1)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> commits.checkCount(Long.MAX_VALUE)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> new DeltaCommits(ImageHeader.full(3, Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesAreCheckedOneByOneNamingTheCommit() {
        DeltaCommits commits = new DeltaCommits(DELTA);
        commits.add(10, 11);
        commits.add(12, 13);
        assertThatThrownBy(() -> commits.add(13, 15)).isInstanceOf(CodecException.class)
                .hasMessageContaining("commit #3 (13..15)").hasMessageContaining("commit #2 (12..13)")
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> commits.add(18, 20)).isInstanceOf(CodecException.class)
                .hasMessageContaining("commit #3 (18..20)").hasMessageContaining("outside")
                .hasMessageContaining("10..19");
        assertThatThrownBy(() -> commits.add(15, 15)).isInstanceOf(CodecException.class)
                .hasMessageContaining("not a commit range");
        assertThatThrownBy(() -> commits.add(0, 1)).isInstanceOf(CodecException.class);
        commits.add(14, 15);
        commits.add(16, 17);
        commits.add(18, 19);
        assertThatThrownBy(() -> commits.add(20, 21)).isInstanceOf(CodecException.class)
                .hasMessageContaining("one too many");
        assertThat(commits.toList()).containsExactly(new CommitRange(10, 11), new CommitRange(12, 13),
                new CommitRange(14, 15), new CommitRange(16, 17), new CommitRange(18, 19));
    }

    @Test
    void aWholeListIsCheckedWithTheSameRules() {
        assertThat(DeltaCommits.check(DELTA, List.of())).isNull();
        assertThat(DeltaCommits.check(DELTA, List.of(new CommitRange(10, 19)))).isNull();
        assertThat(DeltaCommits.check(DELTA, List.of(new CommitRange(9, 10)))).contains("outside");
        assertThat(DeltaCommits.check(DELTA, List.of(new CommitRange(12, 14), new CommitRange(10, 11))))
                .contains("commit #2 (10..11)");
        assertThat(DeltaCommits.check(ImageHeader.full(3, Instant.EPOCH), List.of(new CommitRange(1, 2))))
                .contains("only a delta");
    }
}
