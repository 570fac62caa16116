package io.dictdb;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The types a schema can declare for a field.
 */
public enum FieldType {
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Long}; Integer, Short and Byte widen to it. */
    LONG,
    /** {@link Double}; other numbers are accepted and stored as Double when the conversion is exact. */
    DOUBLE,
    /** {@link BigDecimal}; Long values are accepted and stored as BigDecimal. */
    DECIMAL,
    /** {@link String}. */
    STRING,
    /** {@link Instant}. */
    INSTANT,
    /** {@link LocalDate}. */
    DATE,
    /** {@link UUID}. */
    UUID,
    /** {@code byte[]}. */
    BYTES,
    /** {@link List} of canonical values. */
    LIST,
    /** A nested map, stored as a {@link Record}. */
    MAP,
    /** Any canonical value. */
    ANY;

    /**
     * Converts a canonical value to this type, or returns {@code null} when the value does not fit. A null value
     * is not passed here: required-ness is the schema's business.
     *
     * @param value a non-null canonical value
     * @return the value as stored in a field of this type, or null when it has another type
     */
    public Object coerce(Object value) {
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case LONG -> value instanceof Long ? value : null;
            case DOUBLE -> value instanceof Double ? value
                    : value instanceof Long l ? exactDouble(BigDecimal.valueOf(l))
                    : value instanceof BigDecimal b ? exactDouble(b) : null;
            case DECIMAL -> value instanceof BigDecimal ? value
                    : value instanceof Long l ? BigDecimal.valueOf(l) : null;
            case STRING -> value instanceof String ? value : null;
            case INSTANT -> value instanceof Instant ? value : null;
            case DATE -> value instanceof LocalDate ? value : null;
            case UUID -> value instanceof java.util.UUID ? value : null;
            case BYTES -> value instanceof byte[] ? value : null;
            case LIST -> value instanceof List ? value : null;
            case MAP -> value instanceof Record ? value : null;
            case ANY -> value;
        };
    }

    private static Object exactDouble(BigDecimal b) {
        double d = b.doubleValue();
        return Double.isFinite(d) && new BigDecimal(d).compareTo(b) == 0 ? (Object) d : null;
    }
}
