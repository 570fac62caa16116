package io.dictdb;

/**
 * The root of every exception DictDB throws. All DictDB exceptions are unchecked.
 */
public class DictDbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the table, field, key or file involved.
     *
     * @param message what went wrong
     */
    public DictDbException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause that led to it.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public DictDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
