package io.dictdb.codec.tck;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The garbage law of the kit ({@code HostileInput.randomGarbageIsRefused}) fails a codec that reads random bytes as
 * an image, and one that fails on them with anything but a {@code CodecException}; a codec that refuses them passes.
 */
class GarbageLawTest {

    private static Events garbageLaw(Class<? extends CodecCompatibilityKit> kit) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectNestedMethod(List.of(kit), CodecCompatibilityKit.HostileInput.class,
                        "randomGarbageIsRefused"))
                .execute().testEvents();
    }

    @Test
    void aCodecThatReadsGarbageAsAnImageFailsTheLaw() {
        Events events = garbageLaw(FakeCodecs.LaxKit.class);
        assertEquals(1, events.started().count());
        events.assertThatEvents().haveExactly(1, event(test("randomGarbageIsRefused"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.startsWith("codec 'lax' (" + FakeCodecs.LaxKit.class.getName() + "): ")
                                && m.contains("were read as an image")))));
    }

    @Test
    void aCodecThatFailsOnGarbageWithAnotherExceptionFailsTheLaw() {
        garbageLaw(FakeCodecs.CrashingKit.class).assertThatEvents().haveExactly(1, event(
                test("randomGarbageIsRefused"),
                finishedWithFailure(message(m -> m.contains("instead of a CodecException")))));
    }

    @Test
    void aCodecThatRefusesGarbageKeepsTheLaw() {
        garbageLaw(FakeCodecs.RefusingKit.class).assertThatEvents().haveExactly(1, event(
                test("randomGarbageIsRefused"), finishedSuccessfully()));
    }
}
