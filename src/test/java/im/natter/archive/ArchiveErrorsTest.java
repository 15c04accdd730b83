package im.natter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class ArchiveErrorsTest {

    @Test
    void eachKindOfFailureGetsWordsTheUserCanActOn() {
        assertThat(message(SQLiteErrorCode.SQLITE_FULL)).isEqualTo(ArchiveErrors.DISK_FULL);
        assertThat(message(SQLiteErrorCode.SQLITE_READONLY)).isEqualTo(ArchiveErrors.READ_ONLY);
        assertThat(message(SQLiteErrorCode.SQLITE_READONLY_DBMOVED)).isEqualTo(ArchiveErrors.READ_ONLY);
        assertThat(message(SQLiteErrorCode.SQLITE_PERM)).isEqualTo(ArchiveErrors.READ_ONLY);
        assertThat(message(SQLiteErrorCode.SQLITE_CORRUPT)).isEqualTo(ArchiveErrors.DAMAGED);
        assertThat(message(SQLiteErrorCode.SQLITE_NOTADB)).isEqualTo(ArchiveErrors.DAMAGED);
        assertThat(message(SQLiteErrorCode.SQLITE_BUSY)).isEqualTo(ArchiveErrors.BUSY);
        assertThat(message(SQLiteErrorCode.SQLITE_IOERR_WRITE)).isEqualTo(ArchiveErrors.DISK_ERROR);
        assertThat(message(SQLiteErrorCode.SQLITE_CANTOPEN)).isEqualTo(ArchiveErrors.CANNOT_OPEN);
        assertThat(ArchiveErrors.userMessage(new SQLException("no such table: thing")))
                .startsWith("Natter could not use its message archive (no such table: thing)")
                .endsWith("Nothing saved so far is lost.");
    }

    @Test
    void theFullDiskMessageIsWordForWord() {
        assertThat(ArchiveErrors.DISK_FULL).isEqualTo(
                "The disk is full, so Natter cannot save messages. Free some space; nothing saved so far is lost.");
    }

    private static String message(SQLiteErrorCode code) {
        return ArchiveErrors.map(new SQLiteException("test", code)).getMessage();
    }
}
