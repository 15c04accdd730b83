package im.natter.xmpp.chat;

import im.natter.domain.model.Availability;
import org.jivesoftware.smack.packet.Presence;

/** Between a presence's show value (RFC 6121 §4.7.2.1) and the domain's availability, for contacts and occupants. */
public final class PresenceModes {

    private PresenceModes() {
    }

    /** An available presence without a show value is plain "available". */
    public static Availability availability(Presence.Mode mode) {
        if (mode == null) {
            return Availability.AVAILABLE;
        }
        return switch (mode) {
            case chat -> Availability.CHAT;
            case available -> Availability.AVAILABLE;
            case away -> Availability.AWAY;
            case xa -> Availability.EXTENDED_AWAY;
            case dnd -> Availability.DO_NOT_DISTURB;
        };
    }

    public static Presence.Mode mode(Availability availability) {
        return switch (availability) {
            case CHAT -> Presence.Mode.chat;
            case AVAILABLE -> Presence.Mode.available;
            case AWAY -> Presence.Mode.away;
            case EXTENDED_AWAY -> Presence.Mode.xa;
            case DO_NOT_DISTURB -> Presence.Mode.dnd;
            case OFFLINE -> throw new IllegalArgumentException("offline is not a presence mode");
        };
    }
}
