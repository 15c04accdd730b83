package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.InboundMessage;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jxmpp.jid.EntityBareJid;
import im.natter.xmpp.room.RoomMessages;

/**
 * XEP-0313 results from the account's own archive. A result is only believed when it answers the query Natter
 * sent (its queryid) and comes from the archive itself (the account's bare address, or no from, which means the
 * account); anything else could be a contact injecting history (CVE-2017-5589 and its cousins).
 */
public final class ArchivedMessages {

    private static final System.Logger LOG = System.getLogger(ArchivedMessages.class.getName());

    static {
        ExtensionProviders.install();
    }

    private ArchivedMessages() {
    }

    /** The archive result the message carries, or null. */
    public static MamResultExtension result(Message carrier) {
        return MamResultExtension.from(carrier);
    }

    /** Whether {@code carrier} is a result of our query {@code queryId} from our own archive. Logs what it drops. */
    public static boolean isTrusted(Message carrier, String queryId, AccountId account) {
        MamResultExtension result = MamResultExtension.from(carrier);
        if (result == null || queryId == null || !queryId.equals(result.getQueryId())) {
            LOG.log(Level.WARNING, "Dropped an archive result that answers no query of ours, from "
                    + carrier.getFrom() + " for " + account);
            return false;
        }
        if (carrier.getFrom() != null
                && (!carrier.getFrom().isEntityBareJid() || !InboundMessages.isAccount(carrier.getFrom(), account))) {
            LOG.log(Level.WARNING, "Dropped an archive result injected by " + carrier.getFrom() + " for " + account);
            return false;
        }
        return true;
    }

    /**
     * Whether {@code carrier} is a result of our query {@code queryId} from the room's archive: it must come from
     * the room's bare address, nobody else's (not even an occupant of the room). Logs what it drops.
     */
    public static boolean isTrustedRoomResult(Message carrier, String queryId, EntityBareJid room) {
        MamResultExtension result = MamResultExtension.from(carrier);
        if (result == null || queryId == null || !queryId.equals(result.getQueryId())) {
            LOG.log(Level.WARNING, "Dropped a room archive result that answers no query of ours, from "
                    + carrier.getFrom());
            return false;
        }
        if (carrier.getFrom() == null || !carrier.getFrom().isEntityBareJid() || !carrier.getFrom().equals(room)) {
            LOG.log(Level.WARNING, "Dropped a result for the archive of " + room + " sent by " + carrier.getFrom());
            return false;
        }
        return true;
    }

    /** The archived groupchat message of a trusted room result, or empty when it has no content. */
    public static Optional<InboundMessage> roomMessage(Message carrier, RoomMessages.Context context) {
        MamResultExtension result = MamResultExtension.from(carrier);
        Forwarded<Message> forwarded = result == null ? null : result.getForwarded();
        Message inner = forwarded == null ? null : forwarded.getForwardedStanza();
        if (inner == null) {
            return Optional.empty();
        }
        DelayInformation delay = forwarded.getDelayInformation();
        Instant stamp = delay == null || delay.getStamp() == null ? null : delay.getStamp().toInstant();
        return RoomMessages.archived(inner, context, result.getId(), stamp);
    }

    /** The archived message of a trusted result, or empty when it is not a chat message with content. */
    public static Optional<InboundMessage> message(Message carrier, AccountId account) {
        MamResultExtension result = MamResultExtension.from(carrier);
        if (result == null) {
            return Optional.empty();
        }
        Forwarded<Message> forwarded = result.getForwarded();
        Message inner = forwarded.getForwardedStanza();
        if (inner == null) {
            return Optional.empty();
        }
        DelayInformation delay = forwarded.getDelayInformation();
        Instant stamp = delay == null || delay.getStamp() == null ? null : delay.getStamp().toInstant();
        return InboundMessages.fromArchive(inner, account, result.getId(), stamp);
    }
}
