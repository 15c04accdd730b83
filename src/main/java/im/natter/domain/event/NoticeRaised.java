package im.natter.domain.event;

/** Something the user should read, e.g. "the archive disk is full". Never a stack trace. */
public record NoticeRaised(Level level, String text) implements NatterEvent {

    public enum Level {
        INFO,
        WARNING,
        ERROR
    }
}
