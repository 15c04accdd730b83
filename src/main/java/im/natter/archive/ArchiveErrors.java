package im.natter.archive;

import im.natter.domain.port.ArchiveException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite's failures into words a user can act on. Every message says stored data is safe, because it is. */
final class ArchiveErrors {

    static final String DISK_FULL =
            "The disk is full, so Natter cannot save messages. Free some space; nothing saved so far is lost.";
    static final String READ_ONLY = "Natter is not allowed to write to its message archive. Check that the archive"
            + " file and its folder belong to you and are writable; nothing saved so far is lost.";
    static final String CANNOT_OPEN = "Natter cannot open its message archive file. Check that its folder exists"
            + " and that you may write to it.";
    static final String DAMAGED = "The message archive file is damaged, so Natter cannot use it. Natter has left"
            + " the file as it is: restore it from a backup, or move it aside so Natter starts a new archive.";
    static final String BUSY = "The message archive is in use by another program (perhaps a second Natter)."
            + " Close that program and try again; nothing is lost.";
    static final String DISK_ERROR = "The disk reported an error while Natter used its message archive. Check the"
            + " disk; nothing saved so far is lost.";
    static final String CLOSED = "The message archive is already closed, so this could not be saved or read.";
    static final String INTERRUPTED = "Natter was stopped while using its message archive; nothing saved so far"
            + " is lost.";

    // Primary SQLite result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte.
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_AUTH = 23;
    private static final int SQLITE_NOTADB = 26;

    private ArchiveErrors() {
    }

    static ArchiveException map(SQLException e) {
        return new ArchiveException(userMessage(e), e);
    }

    static String userMessage(SQLException e) {
        return switch (primaryCode(e)) {
            case SQLITE_FULL -> DISK_FULL;
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH -> READ_ONLY;
            case SQLITE_CANTOPEN -> CANNOT_OPEN;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> DAMAGED;
            case SQLITE_BUSY, SQLITE_LOCKED -> BUSY;
            case SQLITE_IOERR -> DISK_ERROR;
            default -> "Natter could not use its message archive (" + shortReason(e)
                    + "). Nothing saved so far is lost.";
        };
    }

    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    private static String shortReason(SQLException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "error " + e.getErrorCode() : message.strip();
    }
}
