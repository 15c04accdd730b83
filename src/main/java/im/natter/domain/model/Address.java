package im.natter.domain.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A bare XMPP address (localpart@domain, or a bare domain). Kept free of any XMPP library so that the
 * archive and the UI do not depend on Smack; the xmpp layer does the strict RFC 7622 checks at its edge.
 */
public record Address(String value) implements Comparable<Address> {

    private static final int MAX_PART = 1023;

    public Address {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty address");
        }
    }

    /** Parses what a user typed or a server sent; the resource part, if any, is dropped. */
    public static Optional<Address> parse(String text) {
        return check(text) == null ? Optional.of(normalise(text)) : Optional.empty();
    }

    /** Like {@link #parse} but for addresses that must have a user part (user@domain). */
    public static Optional<Address> parseUser(String text) {
        return checkUser(text) == null ? Optional.of(normalise(text)) : Optional.empty();
    }

    public static Address of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an XMPP address: " + text));
    }

    /** Returns a short user-facing problem with {@code text} as a user address, or null if it is fine. */
    public static String checkUser(String text) {
        if (text == null || text.isBlank()) {
            return "Enter an address such as alice@example.org.";
        }
        String t = text.strip();
        int at = t.indexOf('@');
        if (at < 0) {
            return "An address needs an @, as in alice@example.org.";
        }
        if (at == 0) {
            return "The part before the @ is missing.";
        }
        return check(t);
    }

    /** Returns a short user-facing problem with {@code text} as an address, or null if it is fine. */
    public static String check(String text) {
        if (text == null || text.isBlank()) {
            return "The address is empty.";
        }
        String t = stripResource(text.strip());
        int at = t.indexOf('@');
        String local = at >= 0 ? t.substring(0, at) : "";
        String domain = at >= 0 ? t.substring(at + 1) : t;
        if (at >= 0 && local.isEmpty()) {
            return "The part before the @ is missing.";
        }
        if (domain.isEmpty()) {
            return "The server part after the @ is missing.";
        }
        if (domain.indexOf('@') >= 0) {
            return "An address has only one @.";
        }
        if (local.length() > MAX_PART || domain.length() > MAX_PART) {
            return "The address is too long.";
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "An address cannot contain spaces or control characters.";
            }
            if (c == '"' || c == '&' || c == '\'' || c == ':' || c == '<' || c == '>') {
                if (i < at) {
                    return "The part before the @ contains a character that is not allowed (" + c + ").";
                }
            }
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "The server name is not valid.";
        }
        return null;
    }

    private static String stripResource(String t) {
        int slash = t.indexOf('/');
        return slash >= 0 ? t.substring(0, slash) : t;
    }

    private static Address normalise(String text) {
        String t = stripResource(text.strip());
        int at = t.indexOf('@');
        // Domains are case-insensitive; localparts are case-folded by the server's PRECIS profile,
        // and lower-casing is the common, safe approximation for keying our archive.
        return new Address(t.toLowerCase(Locale.ROOT));
    }

    /**
     * The address of an occupant of a room, {@code room/nick}: the peer of a private conversation through a room
     * (ConversationKind.ROOM_PRIVATE). The nickname is kept as given; it is case-sensitive.
     */
    public static Address occupant(Address room, String nick) {
        Objects.requireNonNull(room, "room");
        if (nick == null || nick.isEmpty()) {
            throw new IllegalArgumentException("empty nickname");
        }
        return new Address(room.bare().value + "/" + nick);
    }

    /** Whether this is a room occupant's address (it has a nickname after a slash). */
    public boolean isOccupant() {
        return value.indexOf('/') >= 0;
    }

    /** The address without a nickname: the room for an occupant, else itself. */
    public Address bare() {
        int slash = value.indexOf('/');
        return slash >= 0 ? new Address(value.substring(0, slash)) : this;
    }

    /** The occupant's nickname, if this is an occupant's address. */
    public Optional<String> nick() {
        int slash = value.indexOf('/');
        return slash >= 0 ? Optional.of(value.substring(slash + 1)) : Optional.empty();
    }

    public Optional<String> localpart() {
        int at = bare().value.indexOf('@');
        return at >= 0 ? Optional.of(value.substring(0, at)) : Optional.empty();
    }

    public String domain() {
        String b = bare().value;
        int at = b.indexOf('@');
        return at >= 0 ? b.substring(at + 1) : b;
    }

    @Override
    public int compareTo(Address o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
