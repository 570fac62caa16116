package io.dictdb.hazelcast;

import io.dictdb.Database;
import io.dictdb.table.tck.Capability;
import io.dictdb.table.tck.TableCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The table compatibility kit against the Hazelcast backend, on the shared {@link TestCluster}: every database is
 * fresh (a new name) and destroyed after the class.
 */
class HazelcastCompatibilityTest extends TableCompatibilityKit {
    private static final List<HazelcastDatabase> MADE = new ArrayList<>();

    @Override
    protected Database newDatabase() {
        HazelcastDatabase db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        synchronized (MADE) {
            MADE.add(db);
        }
        return db;
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

    @AfterAll
    static void destroyAll() {
        synchronized (MADE) {
            MADE.forEach(HazelcastDatabase::destroy);
            MADE.clear();
        }
    }
}
