package io.dictdb.core;

import io.dictdb.Database;
import io.dictdb.table.tck.TableCompatibilityKit;

/** The in-memory engine passes the whole kit: it leaves nothing out. */
class InMemoryCompatibilityTest extends TableCompatibilityKit {
    @Override
    protected Database newDatabase() {
        return DictDB.create();
    }
}
