package io.dictdb.core;

import io.dictdb.Database;
import io.dictdb.table.tck.Capability;
import io.dictdb.table.tck.TableCompatibilityKit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The kit's own mechanics, on the in-memory engine: a backend that leaves every capability out gets the tests of
 * those skipped as aborted (never passed), and a small {@code workScale()} still runs everything else green.
 */
class LeftOutCapabilitiesTest {

    /** Not run by Surefire itself (a nested class): only through the test kit below. */
    static class EverythingLeftOut extends TableCompatibilityKit {
        @Override
        protected Database newDatabase() {
            return DictDB.create();
        }

        @Override
        protected Set<Capability> leftOut() {
            return EnumSet.allOf(Capability.class);
        }

        @Override
        protected double workScale() {
            return 0.01;
        }
    }

    @Test
    void testsOfALeftOutCapabilityAreAbortedAndTheRestPassAtASmallScale() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(EverythingLeftOut.class))
                .execute().testEvents();
        assertThat(tests.failed().count()).as("failures: %s", tests.failed().list()).isZero();
        // unique indexes, the change feed, the transaction feed test, the isolation test, usage stats
        assertThat(tests.aborted().count()).isEqualTo(10 + 5 + 1 + 1 + 1);
        assertThat(tests.aborted().filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("UniqueIndexes"))
                .count()).isEqualTo(10);
        assertThat(tests.succeeded().count()).isGreaterThan(100);
        tests.aborted().assertThatEvents().allMatch(e -> EventConditions.abortedWithReason(
                org.junit.platform.testkit.engine.TestExecutionResultConditions.message(
                        m -> m.contains("the backend leaves out"))).matches(e));
    }
}
