package io.dictdb;

/**
 * Thrown when a backup cannot be written, listed, verified or restored. The message names the file or folder.
 */
public class BackupException extends DictDbException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file or folder
     */
    public BackupException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, naming the file or folder
     * @param cause the underlying failure
     */
    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
