package io.dictdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: its output streams and the global settings. Both streams show the arguments of
 * {@code printf} through {@link TerminalText#visible(Object)}, so that names and values read from files never
 * reach the terminal with raw control characters.
 */
abstract class CommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    /** Standard output: the results. */
    PrintWriter out() {
        if (out == null) {
            out = TerminalText.escapingArguments(spec.commandLine().getOut());
        }
        return out;
    }

    /** Standard error: progress, warnings. */
    PrintWriter err() {
        if (err == null) {
            err = TerminalText.escapingArguments(spec.commandLine().getErr());
        }
        return err;
    }

    /** Whether progress may be drawn. */
    boolean progress() {
        return Main.settingsOf(spec).progress();
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws Exception on failure: printed in one line, exit code 1
     */
    abstract int run() throws Exception;
}
