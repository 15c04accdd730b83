package im.natter.xmpp.room;

import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import org.jivesoftware.smack.packet.StanzaError;

/** Turns a room's error answers into the domain's {@link RoomException}, with the room's own words appended. */
public final class RoomErrors {

    private RoomErrors() {
    }

    /**
     * The problem behind a refused join. The same condition means something else when the user is already in the
     * room (forbidden on join is a ban, on a kick it is a lack of rights), hence {@link #ofAction}.
     */
    public static RoomException ofJoin(StanzaError error) {
        if (error == null) {
            return new RoomException(RoomProblem.OTHER, null);
        }
        RoomProblem problem = switch (error.getCondition()) {
            case not_authorized -> RoomProblem.WRONG_PASSWORD;
            case forbidden -> RoomProblem.BANNED;
            case conflict -> RoomProblem.NICK_TAKEN;
            case registration_required -> RoomProblem.MEMBERS_ONLY;
            case item_not_found, remote_server_not_found, gone -> RoomProblem.NOT_FOUND;
            case not_allowed -> RoomProblem.CREATION_REFUSED;
            case service_unavailable -> RoomProblem.ROOM_FULL;
            case remote_server_timeout -> RoomProblem.NO_ANSWER;
            default -> RoomProblem.OTHER;
        };
        return new RoomException(problem, text(error));
    }

    /** The problem behind a refused request of someone already in the room (kick, configure, moderate, ...). */
    public static RoomException ofAction(StanzaError error) {
        if (error == null) {
            return new RoomException(RoomProblem.OTHER, null);
        }
        RoomProblem problem = switch (error.getCondition()) {
            case forbidden, not_allowed, not_authorized, not_acceptable, feature_not_implemented,
                    service_unavailable -> RoomProblem.NOT_ALLOWED;
            case conflict -> RoomProblem.NICK_TAKEN;
            case registration_required -> RoomProblem.MEMBERS_ONLY;
            case item_not_found, remote_server_not_found, gone -> RoomProblem.NOT_FOUND;
            case remote_server_timeout -> RoomProblem.NO_ANSWER;
            default -> RoomProblem.OTHER;
        };
        return new RoomException(problem, text(error));
    }

    public static RoomException notConnected(String domain) {
        return new RoomException(RoomProblem.NOT_CONNECTED, "(" + domain + ")");
    }

    public static RoomException noAnswer() {
        return new RoomException(RoomProblem.NO_ANSWER, null);
    }

    private static String text(StanzaError error) {
        String said = error.getDescriptiveText();
        String condition = error.getCondition().toString();
        return said == null || said.isBlank() ? "(" + condition + ")" : "The room said: " + said.strip();
    }
}
