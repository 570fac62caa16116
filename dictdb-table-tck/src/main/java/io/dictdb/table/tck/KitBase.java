package io.dictdb.table.tck;

import io.dictdb.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The base of every part of the kit: a fresh database per test from the backend, closed after the test, and the
 * backend's capabilities. Parts extend it; {@link TableCompatibilityKit} runs them all as nested classes.
 */
public abstract class KitBase {

    /** A fresh, empty database made for the current test by {@link #newDatabase()}. */
    protected Database db;

    private final List<Database> opened = new ArrayList<>();
    /** Every database made for the current test (also those it closes itself), released after it. */
    private final List<Database> made = new ArrayList<>();

    /**
     * The kit this part runs in: the backend under test. Each nested class of {@link TableCompatibilityKit} returns
     * its enclosing instance.
     *
     * @return the kit
     */
    protected abstract TableCompatibilityKit kit();

    /**
     * Makes a new, empty database of the backend under test ({@link TableCompatibilityKit#newDatabase()}). Each
     * call returns a database that shares no table with any other.
     *
     * @return a new database
     */
    protected final Database newDatabase() {
        Database d = kit().newDatabase();
        synchronized (made) {
            made.add(d);
        }
        return d;
    }

    /**
     * Whether the backend has the capability, that is, does not name it in {@link TableCompatibilityKit#leftOut()}.
     *
     * @param capability the capability
     * @return true unless the backend leaves it out
     */
    protected final boolean supports(Capability capability) {
        return !kit().leftOut().contains(capability);
    }

    /**
     * How much work the property and concurrency tests do, as a fraction of the in-memory engine's standard
     * amount: the kit's {@link TableCompatibilityKit#workScale()}.
     *
     * @return the scale, greater than 0
     */
    protected final double workScale() {
        return kit().workScale();
    }

    /**
     * A size the test would use on the in-memory engine (examples of a property, operations per thread, steps of
     * a model run) scaled by {@link #workScale()}, at least 1.
     *
     * @param standard the in-memory engine's size
     * @return the size for this backend
     */
    protected final int examples(int standard) {
        return (int) Math.max(1, Math.round(standard * workScale()));
    }

    /**
     * Skips the current test (as aborted, not passed) unless the backend has the capability.
     *
     * @param capability the capability the test needs
     */
    protected final void require(Capability capability) {
        assumeTrue(supports(capability), () -> "the backend leaves out " + capability);
    }

    /**
     * Another new database, closed after the test as {@link #db} is.
     *
     * @return a new database
     */
    protected final Database anotherDatabase() {
        Database d = newDatabase();
        opened.add(d);
        return d;
    }

    @BeforeEach
    final void openDatabase() {
        db = anotherDatabase();
    }

    @AfterEach
    final void closeDatabases() {
        List<Database> all;
        synchronized (made) {
            all = List.copyOf(made);
            made.clear();
        }
        try {
            for (Database d : opened) {
                d.close(); // idempotent by contract: a test may have closed it already
            }
        } finally {
            opened.clear();
            for (Database d : all) {
                kit().release(d);
            }
        }
    }
}
