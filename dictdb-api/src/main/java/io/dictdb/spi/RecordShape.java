package io.dictdb.spi;

import io.dictdb.Record;
import java.util.List;
import java.util.Objects;

/**
 * The field names of records that a decoder makes many of, checked once: non-empty, no duplicates, the rule for
 * names of {@link ImageLimits}. {@link #record(Object...)} then makes a record of these fields from its values
 * alone, converting and checking each value as {@link Record#of(Object...)} does. Nothing made through a shape can
 * break a rule that {@link Record#of(Object...)} enforces: a shape is a faster road to the same records, not a way
 * around the checks.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class RecordShape {
    /** A record of the shape with null values: it holds the checked, shared names that every record reuses. */
    private final Record template;

    private RecordShape(Record template) {
        this.template = template;
    }

    /**
     * The shape of records with these fields, in this order.
     *
     * @param names the field names
     * @return the shape
     * @throws IllegalArgumentException if a name is repeated or breaks the rule for names, or there are more names
     *     than a record may hold
     * @throws NullPointerException if {@code names} or a name is null
     */
    public static RecordShape of(List<String> names) {
        Objects.requireNonNull(names, "names");
        Object[] pairs = new Object[2 * names.size()];
        int i = 0;
        for (String name : names) {
            pairs[i] = Objects.requireNonNull(name, "a field name");
            i += 2;
        }
        // Record.of checks the names (rule, repeats) exactly as for any record, so the shape cannot be laxer
        return new RecordShape(Record.of(pairs));
    }

    /**
     * The field names, in order.
     *
     * @return an immutable list of the names
     */
    public List<String> names() {
        return template.fields();
    }

    /**
     * The number of fields.
     *
     * @return how many values {@link #record(Object...)} takes
     */
    public int size() {
        return template.size();
    }

    /**
     * A record of this shape: field {@code i} holds {@code values[i]}, converted to its canonical type.
     *
     * @param values one value per field, in field order; the array is not kept
     * @return the record, equal to {@link Record#of(Object...)} of the same names and values
     * @throws IllegalArgumentException if the count differs from {@link #size()}, or a value has an unsupported
     *     type or breaks the value rule (see {@link ImageLimits}), naming the field
     * @throws NullPointerException if {@code values} is null
     */
    public Record record(Object... values) {
        return template.withValues(values);
    }

    @Override
    public String toString() {
        return "RecordShape" + names();
    }
}
