package io.dictdb.table.tck.model;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.table.tck.KitBase;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Model-based property test of a table: random sequences of writes (every write method, failing ones included,
 * and index creation and removal) run against a reference model, a plain list of maps. After each step both
 * tables (one indexed at random, one never indexed) must equal the model, and random conditions must select the
 * same records from both, in the same order when ordered, as the model's own reading of the contract.
 *
 * <p>Sizes: one sequence of 10,000 ops without schema, 60 of up to 300 ops, and a dozen schema sequences of
 * 200 to 2,000 ops (the counts, and the long sequence's length, scaled by {@code workScale()}, never below a
 * 1,000-op sequence and four schema sequences; below full scale the runs' coverage of every op and condition
 * kind is not asserted);
 * {@code -Ddictdb.longTests=true} multiplies them by ten. QuickTheories' own shrinking is off: a 10,000-op sequence
 * shrinks poorly by its precursors, so a failure is minimised by dropping steps (see {@code ModelRun}) and reported
 * as a transcript of calls. The QuickTheories seed in the failure message replays
 * the run ({@code -DQT_SEED=...}).
 */
public abstract class TableModelKit extends KitBase {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 10 : 1;
    private static final long MINIMISE_MILLIS = 30_000;

    @Test
    void aTenThousandOpSequenceWithoutSchemaMatchesTheModel() {
        Generators.Profile p = Generators.withoutSchema();
        ModelRun.Stats stats = new ModelRun.Stats();
        // at least 1,000 ops however small the scale: the coverage assertions below need every kind of op
        int n = Math.max(1_000, examples(10_000)) * SCALE;
        // QuickTheories' first three examples force every draw to a boundary (all lookups, all checks):
        // cheap, and the fourth is the random 10,000-op sequence the coverage assertions below insist on.
        qt().withExamples(4).withShrinkCycles(0)
                .forAll(Generators.sequences(p, n, n))
                .checkAssert(ops -> ModelRun.check(this::newDatabase, p, ops, stats, MINIMISE_MILLIS));
        report("10k ops, no schema", stats);
        assertThat(stats.longestFullSequence).as("one sequence of >= %,d ops using every kind of op", n)
                .isGreaterThanOrEqualTo(n);
        assertCoversAtFullScale(stats, false);
    }

    @Test
    void shortSequencesWithoutSchemaMatchTheModel() {
        Generators.Profile p = Generators.withoutSchema();
        ModelRun.Stats stats = new ModelRun.Stats();
        int runs = examples(60 * SCALE);
        qt().withExamples(runs).withShrinkCycles(0)
                .forAll(Generators.sequences(p, 1, 300))
                .checkAssert(ops -> ModelRun.check(this::newDatabase, p, ops, stats, MINIMISE_MILLIS));
        report("short sequences, no schema", stats);
        // QuickTheories skips an example it already ran (its boundary examples may coincide).
        assertThat(stats.sequences).isGreaterThanOrEqualTo(runs * 55L / 60);
    }

    @Test
    void sequencesWithSchemaMatchTheModel() {
        Generators.Profile p = Generators.withSchema();
        ModelRun.Stats stats = new ModelRun.Stats();
        // at least four: the first three are QuickTheories' boundary examples
        qt().withExamples(Math.max(4, examples(12 * SCALE))).withShrinkCycles(0)
                .forAll(Generators.sequences(p, 200, 2_000))
                .checkAssert(ops -> ModelRun.check(this::newDatabase, p, ops, stats, MINIMISE_MILLIS));
        report("schema", stats);
        assertCoversAtFullScale(stats, true);
    }

    /**
     * The oracle is only as good as its reading of the contract, so it is checked against the API's own reference
     * code, {@code Condition.test} and {@code Values.compare}/{@code equal}, which it does not call and which the
     * engine need not use. A disagreement here is a bug of the oracle or of the API module, not of the engine.
     */
    @Test
    void theOracleAgreesWithTheApisReferenceSemantics() {
        Generators.Profile p = Generators.withoutSchema();
        Gen<Sample> samples = in -> {
            Generators.OpGenerator g = new Generators.OpGenerator(p, new Generators.Draw(in));
            Map<String, Object> record;
            while (true) {
                try {
                    record = Oracle.canonMap(g.record(false));
                    break;
                } catch (Oracle.Unsupported e) {
                    // the generator sometimes adds an unsupported value on purpose; not wanted here
                }
            }
            record.put(p.pk(), Oracle.canon(g.value()));
            return new Sample(record, g.condition(3), Oracle.canon(g.value()), Oracle.canon(g.value()));
        };
        qt().withExamples(examples(5_000 * SCALE))
                .forAll(samples.describedAs(Sample::toString))
                .checkAssert(s -> {
                    assertThat(Oracle.matches(s.condition(), s.record()))
                            .as("oracle vs Condition.test")
                            .isEqualTo(s.condition().test(Record.of(s.record())));
                    assertThat(Integer.signum(Oracle.compare(s.a(), s.b())))
                            .as("oracle vs Values.compare")
                            .isEqualTo(Integer.signum(Values.compare(s.a(), s.b())));
                    assertThat(Oracle.valueEquals(s.a(), s.b())).as("oracle vs Values.equal")
                            .isEqualTo(Values.equal(s.a(), s.b()));
                });
    }

    /** A record, a condition and two values, printed as Java. */
    private record Sample(Map<String, Object> record, Condition condition, Object a, Object b) {
        @Override
        public String toString() {
            return "record " + Show.map(record) + "\n  condition " + Show.condition(condition)
                    + "\n  a " + Show.value(a) + "\n  b " + Show.value(b);
        }
    }

    /**
     * At full scale, the coverage check; a backend that scales the work down runs fewer sequences than it needs, so
     * there the sequences are checked, not their coverage.
     */
    private void assertCoversAtFullScale(ModelRun.Stats stats, boolean schema) {
        if (workScale() >= 1.0) {
            assertCovers(stats, schema);
        }
    }

    /** The runs must really have exercised what the acceptance criterion names, not merely passed. */
    private static void assertCovers(ModelRun.Stats stats, boolean schema) {
        assertThat(stats.calls).containsKeys("insert", "insertAll(records)", "insertAll(records, options)",
                "upsert(record)", "upsert(record, UPDATE)", "upsert(record, IGNORE)", "upsert(record, ERROR)",
                "update(changes)", "update(changes, where)", "update(fn, where)", "query().update(changes)",
                "delete(where)", "query().delete()", "deleteAll()", "createIndex(field)",
                "createIndex(field, type)", "dropIndex(field)", "check", "get(key)");
        assertThat(stats.outcomes).containsKeys("ok", "DuplicateKeyException", "RecordNotFoundException",
                "IllegalArgumentException", "Refused");
        if (schema) {
            assertThat(stats.outcomes).containsKey("SchemaValidationException");
        }
        List<String> nodes = new ArrayList<>(List.of("In", "NotIn", "Between", "IsNull", "IsNotNull", "Regex",
                "And", "Or", "Not", "Matching", "All", "Compare.EQ(null)"));
        for (Condition.Op op : Condition.Op.values()) {
            nodes.add("Compare." + op);
        }
        for (Condition.TextOp op : Condition.TextOp.values()) {
            nodes.add("Text." + op);
        }
        assertThat(stats.conditionNodes).containsAll(nodes);
    }

    private static void report(String name, ModelRun.Stats stats) {
        System.out.println("[model] " + name + ": " + stats.summary());
    }
}
