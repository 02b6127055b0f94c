package org.ganzhi.common;

/**
 * An error the user can act on: bad options, a missing lake or source, an unreadable file.
 * The CLI prints its message as one paragraph and exits non-zero; everything else is a bug.
 */
public class GanzhiException extends RuntimeException {
    public GanzhiException(String message) {
        super(message);
    }

    public GanzhiException(String message, Throwable cause) {
        super(message, cause);
    }
}
