package io.dictdb.hazelcast;

import io.dictdb.Database;
import io.dictdb.table.tck.Capability;
import io.dictdb.table.tck.TableCompatibilityKit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The table compatibility kit against the Hazelcast backend, on the shared {@link TestCluster}: every database is
 * fresh (a new name) and destroyed after its test.
 */
class HazelcastCompatibilityTest extends TableCompatibilityKit {
    @Override
    protected Database newDatabase() {
        return HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
    }

    @Override
    protected Set<Capability> leftOut() {
        return EnumSet.of(Capability.CHANGE_FEED, Capability.ISOLATED_TRANSACTIONS, Capability.USAGE_STATS,
                Capability.UNIQUE_INDEXES);
    }

    /**
     * The kit's property and concurrency work scaled to a remote backend: every operation is a network call.
     *
     * @return the scale
     */
    @Override
    protected double workScale() {
        return 0.02;
    }

    /**
     * Deletes the database from the cluster after each test: {@code close()} keeps a Hazelcast database's maps.
     *
     * @param database the database the test used
     */
    @Override
    protected void release(Database database) {
        ((HazelcastDatabase) database).destroy();
    }
}
