package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.InboundMessage;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.forward.packet.Forwarded;

/**
 * XEP-0280 carbon copies: what the user's other devices sent and received. A carbon is a claim about who said
 * what, so only the user's own server may make it: the wrapper must come from the account's bare address.
 * Anything else (a contact or another server dressing a message up as a carbon, CVE-2017-5589) is dropped.
 */
public final class CarbonCopies {

    private static final System.Logger LOG = System.getLogger(CarbonCopies.class.getName());

    static {
        ExtensionProviders.install();
    }

    private CarbonCopies() {
    }

    public static boolean isCarbon(Message message) {
        return CarbonExtension.from(message) != null;
    }

    /** The copied message, or empty when the wrapper is not trustworthy or the copy is not a chat message. */
    public static Optional<InboundMessage> unwrap(Message wrapper, AccountId account) {
        CarbonExtension carbon = CarbonExtension.from(wrapper);
        if (carbon == null) {
            return Optional.empty();
        }
        // Exactly the bare address: not a full JID of ours (another client could send that), not our domain.
        if (wrapper.getFrom() == null || !wrapper.getFrom().isEntityBareJid()
                || !InboundMessages.isAccount(wrapper.getFrom(), account)) {
            LOG.log(Level.WARNING, "Dropped a forged carbon copy from " + wrapper.getFrom() + " for " + account);
            return Optional.empty();
        }
        Forwarded<Message> forwarded = carbon.getForwarded();
        Message inner = forwarded == null ? null : forwarded.getForwardedStanza();
        if (inner == null) {
            return Optional.empty();
        }
        return InboundMessages.fromCarbon(inner, account, carbon.getDirection() == CarbonExtension.Direction.sent);
    }
}
