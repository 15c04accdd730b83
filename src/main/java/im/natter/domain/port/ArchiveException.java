package im.natter.domain.port;

/**
 * The archive could not read or write. The message is for the user ("the disk is full"); nothing that was
 * stored before is lost.
 */
public class ArchiveException extends Exception {

    public ArchiveException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
