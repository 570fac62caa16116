package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dictdb.ChangeSubscription;

/** Runs the cache kept fresh by the change feed, and the cache that fell behind. */
class FreshCacheTest {

    @Test
    void afterAnUpdateTheCacheNoLongerServesTheOldValue() throws Exception {
        Map<String, Object> r = FreshCache.freshness();
        assertThat(r.get("before")).isEqualTo(10L);
        assertThat(r.get("caughtUp")).as("the subscription's position reached db.sequence()").isEqualTo(true);
        assertThat(r.get("after")).isEqualTo(12L);
    }

    @Test
    void aCacheThatFellBehindSubscribesAgainAndForgetsWhatItHeld() throws Exception {
        Map<String, Object> r = FreshCache.fallingBehind();
        assertThat(r.get("before")).isEqualTo(10L);
        assertThat(r.get("firstActive")).as("failed by the writer that passed the bound").isEqualTo(false);
        assertThat(r.get("resubscribed")).isEqualTo(true);
        assertThat(r.get("failure")).isInstanceOfSatisfying(ChangeSubscription.LaggedException.class,
                e -> assertThat(e.pending()).isEqualTo(101));
        // the update to 12 was dropped with the failed subscription's buffer: only clearing the cache serves it
        assertThat(r.get("after")).isEqualTo(12L);
        assertThat(r.get("caughtUp")).isEqualTo(true);
        assertThat(r.get("afterNext")).as("the new subscription invalidates again").isEqualTo(13L);
    }

    @Test
    void printsWhatTheCacheServed() throws Exception {
        Printed printed = Printed.by(FreshCache::run);
        assertThat(printed.line("Price after the update: ")).isEqualTo("Price after the update: 12");
        assertThat(printed.line("Price after the failure: ")).isEqualTo("Price after the failure: 12");
    }
}
