package io.dictdb;

/**
 * Thrown when a database cannot be encoded or decoded: an unknown codec, a corrupt, truncated or hostile file.
 * The message names the file when there is one.
 */
public class CodecException extends DictDbException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the codec or file
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, naming the codec or file
     * @param cause the underlying failure
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
