package io.dictdb.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a terminal, where progress may be drawn. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when there is a console and, on Java 22 and later (where {@code System.console()} is not null on a
     * pipe), it is a terminal.
     *
     * @return whether standard input and output are a terminal
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22 a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
