package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dictdb.ChangeSubscription;

/** Runs the blocks of docs/changes.md. */
class ChangeFeedTest {

    @Test
    void oneCallPerCommitInOrderAndNothingOfARollback() throws Exception {
        Map<String, Object> r = ChangeFeed.auditTrail();
        assertThat(r.get("trail")).asList().containsExactly("2..2", "3..4", "5..7");
        assertThat(r.get("position")).isEqualTo(7L).isEqualTo(r.get("sequence"));
        assertThat(r.get("active")).as("closed").isEqualTo(false);
    }

    @Test
    void aListenerThatCannotKeepUpIsFailedAtItsBoundAndToldWhy() throws Exception {
        Map<String, Object> r = ChangeFeed.fallingBehind();
        assertThat(r.get("active")).isEqualTo(false);
        assertThat(r.get("why")).isInstanceOfSatisfying(ChangeSubscription.LaggedException.class,
                e -> assertThat(e.pending()).isEqualTo(101));
        assertThat(r.get("records")).as("every write went through").isEqualTo(200L);
    }
}
