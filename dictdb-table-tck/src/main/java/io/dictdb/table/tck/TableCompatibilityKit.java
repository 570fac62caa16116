package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.table.tck.model.TableModelKit;
import org.junit.jupiter.api.Nested;

import java.util.EnumSet;
import java.util.Set;

/**
 * The behaviour every {@link Database} implementation must show, as one abstract JUnit 5 class a backend's test
 * extends in one line (see the package documentation). Each part of the kit is a nested class here, so a run
 * reports the parts separately; each part is also a public abstract class ({@code *Kit}) of this package (the
 * model-based one of {@code io.dictdb.table.tck.model}). Parts with nested groups of their own
 * ({@code TableBehaviourKit}, {@code TransactionKit}) report those under the part's class name.
 *
 * <p>The database comes from {@link #newDatabase()}, one per test (two where a test needs two), closed after it.
 * A backend that lacks a behaviour names it in {@link #leftOut()}; the tests that need it are skipped, as aborted.
 */
public abstract class TableCompatibilityKit {

    /**
     * Makes a new, empty database of the backend under test, sharing no table with any other.
     *
     * @return a new database
     */
    protected abstract Database newDatabase();

    /**
     * The capabilities this backend leaves out; none by default. Each leaving out must be said in the backend's
     * Javadoc.
     *
     * @return the capabilities left out
     */
    protected Set<Capability> leftOut() {
        return EnumSet.noneOf(Capability.class);
    }

    /**
     * How much work the property and concurrency tests do, as a fraction of what they do on the in-memory engine:
     * 1.0 by default. A slower (remote) backend returns less, e.g. 0.1; sizes never drop below one.
     *
     * @return the scale, greater than 0
     */
    protected double workScale() {
        return 1.0;
    }

    /**
     * Releases a database the kit made, after the test that used it (the test has closed it, or the kit just has):
     * nothing more by default. A backend whose databases outlive {@code close()} (tables kept on a cluster) deletes
     * them here, so a run of the kit does not accumulate them.
     *
     * @param database a database {@link #newDatabase()} made, closed
     */
    protected void release(Database database) {
    }

    @Nested
    class Tables extends TablesKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class Atomicity extends AtomicityKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class UniqueIndexes extends UniqueIndexKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class InsertBatches extends InsertBatchKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class ValueRules extends ValueRulesKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class OrderSpecs extends OrderSpecKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class QueryEquivalence extends QueryEquivalenceKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class SpecIndexEquivalence extends SpecIndexEquivalenceKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class Aggregations extends AggregationKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class TableModel extends TableModelKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class QueryStreams extends QueryStreamKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class TableBehaviour extends TableBehaviourKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class ErrorMessages extends ErrorMessagesKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class Regressions extends RegressionKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class Concurrency extends ConcurrencyKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class Transactions extends TransactionKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class CompositeIndexes extends CompositeIndexKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class ChangeFeed extends ChangeFeedKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }

    @Nested
    class UsageStats extends UsageStatsKit {
        @Override
        protected TableCompatibilityKit kit() {
            return TableCompatibilityKit.this;
        }
    }
}
