package io.dictdb.bench.transaction;

import io.dictdb.ChangeSubscription;
import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.bench.query.Stores;
import io.dictdb.core.DictDB;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the change feed costs a writer: one insert of a new record into a table with a hash and a sorted index
 * (empty at the start of each iteration), with 0, 1 and 4 subscribers whose listeners only count the changes they
 * receive. Deliveries run on the feed's own threads, which share the machine's cores with the writer: their CPU is
 * part of what the writer sees.
 *
 * <p>The subscriptions' bound ({@value #BOUND} changes) is far above what a counting listener falls behind by; an
 * iteration whose subscriptions failed anyway throws at tear-down, so no figure is reported for it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ChangeFeedBench {
    private static final int PREPARED = 1 << 14;
    private static final int BOUND = 1_000_000;

    /** Subscribers of the database. */
    @Param({"0", "1", "4"})
    public int subscribers;

    private Map<String, Object>[] inserts;
    private int next;
    private Table items;
    private final List<ChangeSubscription> subscriptions = new ArrayList<>();
    /** What the listeners received, so that their work cannot be optimised away. */
    private final LongAdder received = new LongAdder();

    /** Records without an id: every insert takes the table's next key. */
    @Setup(Level.Trial)
    public void make() {
        inserts = Dataset.generate(PREPARED).withoutIds(PREPARED);
    }

    /** A new database and subscriptions every iteration, so that the table does not grow across iterations. */
    @Setup(Level.Iteration)
    public void open() {
        DictDB db = DictDB.create();
        items = Stores.dictdbEmpty(db, Stores.Indexes.TWO);
        for (int i = 0; i < subscribers; i++) {
            subscriptions.add(db.subscribe(changes -> received.add(changes.size()), BOUND));
        }
    }

    /** Checks that every subscription kept up, then closes them. */
    @TearDown(Level.Iteration)
    public void close() {
        for (ChangeSubscription s : subscriptions) {
            if (!s.isActive()) {
                throw new IllegalStateException("a subscription failed during the iteration (position "
                        + s.position() + "): the figure would not be the cost of " + subscribers + " subscribers");
            }
            s.close();
        }
        subscriptions.clear();
    }

    /**
     * One insert.
     *
     * @return the new key
     */
    @Benchmark
    public Object insert() {
        return items.insert(inserts[next++ & (PREPARED - 1)]);
    }
}
