package io.dictdb.examples.tck;

import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.table.tck.Capability;
import io.dictdb.table.tck.TableCompatibilityKit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The blocks of docs/table-tck.md, compiled. Not run here: dictdb-table-tck runs the whole kit on the in-memory
 * engine, and dictdb-hazelcast on its backend.
 */
final class TableKitExamples {
    private TableKitExamples() {
    }

    // README:begin table-kit
    class MyBackendCompatibilityTest extends TableCompatibilityKit {
        @Override
        protected Database newDatabase() {
            return DictDB.create();                     // your backend: a new, empty database sharing no table
        }
    }
    // README:end table-kit

    abstract static class SlowerBackend extends TableCompatibilityKit {
        // README:begin table-kit-left-out
        @Override
        protected Set<Capability> leftOut() {
            return EnumSet.of(Capability.CHANGE_FEED);
        }
        // README:end table-kit-left-out

        // README:begin table-kit-scale
        @Override
        protected double workScale() {
            return 0.1;                                     // a tenth of the examples and operations; never below one
        }
        // README:end table-kit-scale
    }
}
