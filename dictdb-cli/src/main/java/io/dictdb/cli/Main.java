package io.dictdb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code dictdb} command: {@code demo}, {@code backup list|verify|restore|inspect}, {@code convert},
 * {@code stats}, {@code import-csv}, {@code export-csv} and {@code standby}.
 *
 * <p>Global options, accepted before or after the subcommand: {@code --verbose} (stack traces with errors),
 * {@code --log-level LEVEL} (default WARN) and {@code --log-json} (Logback's JSON encoder). Logs go to standard
 * error, results to standard output. Exit codes: 0 success, 1 a failure found, 2 a usage error.
 */
@Command(name = "dictdb", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "DictDB for Java: an embedded, in-memory table database. Run the production demo, check and "
                + "restore backup folders, convert between codecs, import and export CSV, follow a folder as a warm standby.",
        subcommands = {DemoCommand.class, BackupCommand.class, ConvertCommand.class, StatsCommand.class,
                ImportCsvCommand.class, ExportCsvCommand.class, StandbyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a failure found (a damaged backup, a missing or unreadable file, ...)",
                "2:a usage error (an unknown option, a missing parameter)"})
public final class Main implements Runnable {

    /** The log levels {@code --log-level} accepts. */
    public enum LogLevel {
        /** Everything. */
        TRACE,
        /** Debugging details. */
        DEBUG,
        /** What the library does: saves, loads, backups. */
        INFO,
        /** Problems that were handled (the default). */
        WARN,
        /** Failures only. */
        ERROR,
        /** Nothing. */
        OFF
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not only its one-line message.")
    boolean verbose;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log level for the library's logs on standard error: ${COMPLETION-CANDIDATES} "
                    + "(default: WARN).")
    LogLevel logLevel;

    @Option(names = "--log-json", scope = ScopeType.INHERIT,
            description = "Write logs as JSON lines (Logback's JsonEncoder) with their key-values as fields.")
    boolean logJson;

    @Spec
    CommandSpec spec;

    /** The settings in force for this run, read from every level of the command line. */
    private Settings settings = new Settings(false, LogLevel.WARN, false, false);

    /** Creates the command; use {@link #commandLine()} to run it. */
    public Main() {
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * The configured command line: error handling (one line naming the file, exit 1; usage errors exit 2) and
     * logging set up from the global options before a command runs. Tests call {@code execute} on it after
     * {@code setOut}/{@code setErr}.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parseResult -> {
            main.settings = Settings.from(parseResult);
            Logging.configure(main.settings.level(), main.settings.json());
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("dictdb: " + Errors.message(ex));
            if (main.settings.verbose()) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(TerminalText.visibleKeepingLines(trace.toString()));
            }
            err.flush();
            return ex instanceof CliException c ? c.exitCode() : CommandLine.ExitCode.SOFTWARE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            PrintWriter err = bad.getErr();
            err.println("dictdb: " + TerminalText.visible(String.valueOf(ex.getMessage()).strip()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return bad.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** Without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: demo, backup, convert, stats, "
                + "import-csv or export-csv");
    }

    /**
     * The settings of the run that holds {@code spec}'s command.
     *
     * @param spec any command's spec
     * @return the settings
     */
    static Settings settingsOf(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof Main m ? m.settings : new Settings(false, LogLevel.WARN, false, false);
    }

    /**
     * The global options as given anywhere on the command line.
     *
     * @param verbose stack traces with errors
     * @param level the log level
     * @param json JSON logs
     * @param levelGiven whether {@code --log-level} was given
     */
    record Settings(boolean verbose, LogLevel level, boolean json, boolean levelGiven) {
        /** Reads the global options from the top command and every subcommand matched. */
        static Settings from(ParseResult result) {
            boolean verbose = false;
            boolean json = false;
            LogLevel level = LogLevel.WARN;
            boolean given = false;
            for (ParseResult r = result; r != null; r = r.subcommand()) {
                verbose |= r.hasMatchedOption("--verbose");
                json |= r.hasMatchedOption("--log-json");
                if (r.hasMatchedOption("--log-level")) {
                    level = r.matchedOptionValue("--log-level", LogLevel.WARN);
                    given = true;
                }
            }
            return new Settings(verbose, level, json, given);
        }

        /**
         * Raises a logger to ERROR unless {@code --log-level} was given: for the library's warnings about problems
         * a command reports itself (a backup folder's), so that they are not printed twice.
         */
        void quiet(Class<?> logger) {
            if (!levelGiven) {
                Logging.quiet(logger.getName());
            }
        }

        /** Whether progress may be drawn: a terminal, and no JSON logs on the same stream. */
        boolean progress() {
            return !json && Terminal.isTerminal();
        }

        @Override
        public String toString() {
            return "verbose=" + verbose + " level=" + level.name().toLowerCase(Locale.ROOT) + " json=" + json;
        }
    }
}
