package io.dictdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: its output streams and the global settings. */
abstract class CommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Standard output: the results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error: progress, warnings. */
    PrintWriter err() {
        return spec.commandLine().getErr();
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
