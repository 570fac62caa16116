package io.dictdb.bench.query;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link EqualityBench} from two reader threads on one store, each looking up one record by its unique sku (hash
 * index; H2: each thread on its own connection): the score is the two threads' throughput together. A one-row
 * lookup is where a shared lock (DictDB reads take a read lock whose two atomic updates hit one cache line from both
 * threads) weighs most. JMH runs the inherited benchmark methods under this class's name and annotations.
 */
@Threads(2)
public class TwoReadersBench extends EqualityBench {
}
