package im.natter.app;

import im.natter.domain.event.ConnectionChanged;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConnectionStatus;
import im.natter.domain.model.Direction;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-line-per-thing text protocol of {@link HeadlessNatter}: every line is a word, then fields separated by
 * single spaces; a message text is the rest of the line, with backslash, newline and carriage return escaped as
 * {@code \\}, {@code \n} and {@code \r}, so one message is always one line.
 */
final class HeadlessProtocol {

    private final PrintStream out;

    HeadlessProtocol(PrintStream out) {
        this.out = out;
    }

    /** Writes one whole line; lines from different threads never interleave. */
    synchronized void line(String text) {
        out.print(text);
        out.print('\n');
        out.flush();
    }

    void reply(String word, String rest) {
        line(rest == null || rest.isEmpty() ? word : word + " " + rest);
    }

    void error(String words) {
        line("error " + oneLine(words));
    }

    /** The line an event becomes, or empty for events the protocol does not report. */
    static Optional<String> eventLine(NatterEvent event) {
        return switch (event) {
            case ConnectionChanged c -> Optional.of(connectionLine(c.status()));
            case MessageAdded m -> Optional.of("stored " + direction(m.message()) + " " + token(m.message().originId())
                    + " " + escape(m.message().body()));
            case MessageChanged m -> Optional.of("state " + token(m.message().originId()) + " " + m.message().state());
            case NoticeRaised n -> Optional.of("notice " + n.level() + " " + oneLine(n.text()));
            default -> Optional.empty();
        };
    }

    static String connectionLine(ConnectionStatus status) {
        return switch (status.phase()) {
            case ONLINE -> "connected";
            case CONNECTING -> "connecting";
            case RECONNECTING -> "lost " + reason(status.reason());
            case OFFLINE -> "offline " + reason(status.reason());
        };
    }

    /**
     * {@code message DIRECTION ORIGIN-ID STANZA-ID STATE SORT SERVER LOCAL CLOCK BODY}: the times (epoch
     * milliseconds) are where it sits, the server's stamp, when this device stored or wrote it and the writer's clock,
     * so that a message found out of place can be explained from the dump. A missing id or time is {@code -}.
     */
    static String messageLine(ChatMessage m) {
        return "message " + direction(m) + " " + token(m.originId()) + " " + token(m.stanzaId()) + " " + m.state() + " "
                + millis(m.sortTime()) + " " + millis(m.serverTime()) + " " + millis(m.localTime()) + " "
                + millis(m.senderClock()) + " " + escape(m.body());
    }

    private static String millis(java.time.Instant time) {
        return time == null ? "-" : Long.toString(time.toEpochMilli());
    }

    static String direction(ChatMessage m) {
        return m.direction() == Direction.INCOMING ? "in" : "out";
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String token(String id) {
        return id == null || id.isBlank() ? "-" : id.replace(' ', '_');
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "-" : oneLine(reason);
    }

    private static String oneLine(String text) {
        return text == null ? "-" : text.replaceAll("\\s+", " ").strip();
    }

    static String word(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
