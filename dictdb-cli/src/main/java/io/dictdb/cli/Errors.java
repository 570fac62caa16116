package io.dictdb.cli;

import io.dictdb.DictDbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns an exception into the one line the command line prints. */
final class Errors {
    private Errors() {
    }

    /**
     * The message of an error in one line: the library's exceptions name their file, table or field already; file
     * system errors are given their file. The message may quote a file's content or name, so its control
     * characters, line breaks included, are shown escaped ({@link TerminalText#visible(Object)}).
     *
     * @param e the error
     * @return one line
     */
    static String message(Throwable e) {
        Throwable t = e;
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        String text;
        if (t instanceof NoSuchFileException n) {
            text = "no such file: " + n.getFile();
        } else if (t instanceof AccessDeniedException a) {
            text = "permission denied: " + a.getFile();
        } else if (t instanceof FileAlreadyExistsException f) {
            text = "file already exists: " + f.getFile();
        } else if (t instanceof NotDirectoryException n) {
            text = "not a folder: " + n.getFile();
        } else if (t instanceof CliException || t instanceof DictDbException) {
            text = t.getMessage();
        } else if (t instanceof IOException) {
            text = "I/O error: " + t.getMessage();
        } else {
            text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                    + t.getMessage();
        }
        return TerminalText.visible((text == null ? t.getClass().getSimpleName() : text).strip());
    }

    /**
     * Joins the lines of a message with {@code "; "}.
     *
     * @param text the message
     * @return one line
     */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
