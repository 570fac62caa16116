package io.dictdb.cli;

/**
 * A failure a command found and reports in one line: {@code dictdb: <message>} on standard error, exit code 1
 * unless another is given.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * A failure with exit code 1.
     *
     * @param message what went wrong, naming the file
     */
    public CliException(String message) {
        this(message, 1);
    }

    /**
     * A failure with an exit code.
     *
     * @param message what went wrong, naming the file
     * @param exitCode the process exit code
     */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * The exit code to end the process with.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }
}
