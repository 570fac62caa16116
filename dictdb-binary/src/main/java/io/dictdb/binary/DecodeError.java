package io.dictdb.binary;

import io.dictdb.CodecException;

/**
 * A decoding failure deep inside a value, thrown without a stack trace while the path to the bad value is built on
 * the way out (so that the happy path never builds location strings), then turned into a {@link CodecException}
 * naming the image position and the field path.
 */
final class DecodeError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final StringBuilder path = new StringBuilder();

    DecodeError(String message) {
        super(message, null, false, false);
    }

    /** Prepends a field name to the path. */
    DecodeError field(String name) {
        path.insert(0, KryoWire.abbreviate(name)).insert(0, '.');
        return this;
    }

    /** Prepends a list index to the path. */
    DecodeError index(int i) {
        path.insert(0, "[" + i + "]");
        return this;
    }

    /**
     * The failure as a {@link CodecException}.
     *
     * @param format "kryo" or "cbor"
     * @param position where in the image, for example "record 12 of table 'users'"
     * @return the exception
     */
    CodecException at(String format, String position) {
        String where = path.length() == 0 ? "" : ", field " + path.substring(1);
        return new CodecException("Corrupt or hostile " + format + " image at " + position + where + ": "
                + getMessage());
    }
}
