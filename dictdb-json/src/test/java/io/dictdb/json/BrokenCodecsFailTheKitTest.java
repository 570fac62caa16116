package io.dictdb.json;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

/** The kit is not a rubber stamp: deliberately broken codecs fail it, on the property they break. */
class BrokenCodecsFailTheKitTest {

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();
    }

    @Test
    void aCodecThatDropsAChangeKindFailsTheDeltaRoundTrip() {
        Events events = run(BrokenCodecs.DropsDropIndexKit.class);
        events.assertThatEvents().haveExactly(1,
                event(test("randomDeltasWithEveryChangeKindRoundTrip"), finishedWithFailure()));
        // the value rule's law and the limits write deltas with every change kind too
        events.assertThatEvents().haveExactly(1,
                event(test("everyRecordTheValueRuleAcceptsRoundTripsInFullImagesAndDeltas"), finishedWithFailure()));
        events.assertThatEvents().haveExactly(1, event(test("valuesAtEachLimitRoundTrip"), finishedWithFailure()));
        // and so do the round trips of commits, whose deltas hold every change kind
        for (String test : java.util.List.of("randomCommitsRoundTripInDeltas",
                "noCommitsManyCommitsAndCommitsAtTheHeadersBoundsRoundTrip",
                "aDeltaWithCommitsReadsToItsEndWhenTheyAreLeftUnread")) {
            events.assertThatEvents().haveExactly(1, event(test(test), finishedWithFailure()));
        }
        // and the round trip of every kind of index, whose delta drops the indexes it created
        events.assertThatEvents().haveExactly(1,
                event(test("everyKindOfIndexRoundTripsInFullImagesAndDeltas"), finishedWithFailure()));
        assertThat(events.failed().count()).isEqualTo(7);
        assertThat(events.succeeded().count()).isGreaterThan(10);
    }

    @Test
    void aCodecThatForgetsIndexSpecsFailsTheirRoundTrips() {
        // only the round trips and the index specs: the rest of the kit has nothing to do with indexes
        Events events = EngineTestKit.engine("junit-jupiter").selectors(
                selectNestedClass(List.of(BrokenCodecs.ForgetsIndexSpecsKit.class.getName()),
                        "io.dictdb.codec.tck.CodecCompatibilityKit$IndexSpecs"),
                selectNestedClass(List.of(BrokenCodecs.ForgetsIndexSpecsKit.class.getName()),
                        "io.dictdb.codec.tck.CodecCompatibilityKit$RoundTrips")).execute().testEvents();
        for (String test : List.of("everyKindOfIndexRoundTripsInFullImagesAndDeltas",
                "partialIndexesWithRandomConditionsRoundTrip", "randomFullImagesRoundTrip",
                "randomDeltasWithEveryChangeKindRoundTrip")) {
            events.assertThatEvents().haveExactly(1, event(test(test), finishedWithFailure()));
        }
        events.assertThatEvents().haveExactly(0, event(test("everyEdgeValueRoundTrips"), finishedWithFailure()));
    }

    @Test
    void aCodecThatLosesNegativeZeroFailsTheEdgeValueRoundTrip() {
        Events events = run(BrokenCodecs.LosesNegativeZeroKit.class);
        events.assertThatEvents().haveExactly(1,
                event(test("everyEdgeValueRoundTrips"), finishedWithFailure()));
        events.assertThatEvents().haveExactly(1,
                event(test("randomFullImagesRoundTrip"), finishedWithFailure()));
        events.assertThatEvents().haveExactly(1,
                event(test("everyRecordTheValueRuleAcceptsRoundTripsInFullImagesAndDeltas"), finishedWithFailure()));
        events.assertThatEvents().haveExactly(1, event(test("valuesAtEachLimitRoundTrip"), finishedWithFailure()));
    }

    @Test
    void aCodecThatPredatesCommitsFailsTheCommitRoundTrips() {
        Events events = run(BrokenCodecs.PredatesCommitsKit.class);
        for (String test : java.util.List.of("randomCommitsRoundTripInDeltas",
                "noCommitsManyCommitsAndCommitsAtTheHeadersBoundsRoundTrip",
                "aDeltaWithCommitsReadsToItsEndWhenTheyAreLeftUnread", "randomDeltasWithEveryChangeKindRoundTrip")) {
            events.assertThatEvents().haveExactly(1, event(test(test), finishedWithFailure()));
        }
        events.assertThatEvents().haveExactly(0, event(test("everyEdgeValueRoundTrips"), finishedWithFailure()));
    }
}
