package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.core.DictDB;

/** The in-memory engine passes the whole kit: it leaves nothing out. */
class InMemoryCompatibilityTest extends TableCompatibilityKit {
    @Override
    protected Database newDatabase() {
        return DictDB.create();
    }
}
