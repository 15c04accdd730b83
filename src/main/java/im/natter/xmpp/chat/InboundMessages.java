package im.natter.xmpp.chat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import java.time.Instant;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jxmpp.jid.Jid;

/**
 * Translates a one-to-one message stanza into the domain's record: live, unwrapped from a carbon, or from the
 * archive. The wrappers (carbon, archive result) are checked by {@link CarbonCopies} and {@link ArchivedMessages}
 * before their content gets here.
 */
public final class InboundMessages {

    static final String OMEMO_LEGACY_NS = "eu.siacs.conversations.axolotl";
    static final String OMEMO_2_NS = "urn:xmpp:omemo:2";

    static {
        ExtensionProviders.install();
    }

    private InboundMessages() {
    }

    /** A message delivered live. Empty for stanzas that are not a chat message with content. */
    public static Optional<InboundMessage> from(Message message, AccountId account) {
        Optional<Address> sender = bare(message.getFrom());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        return map(message, account, MessageSource.LIVE, Direction.INCOMING, sender.get(), resource(message.getFrom()),
                sender.get(), null, null);
    }

    /** The message inside a carbon the server sent us: {@code sent} when another of our devices sent it. */
    static Optional<InboundMessage> fromCarbon(Message inner, AccountId account, boolean sent) {
        if (sent) {
            Optional<Address> to = bare(inner.getTo());
            if (to.isEmpty()) {
                return Optional.empty();
            }
            String resource = inner.getFrom() != null && isAccount(inner.getFrom(), account) ? resource(inner.getFrom())
                    : null;
            return map(inner, account, MessageSource.CARBON, Direction.OUTGOING, account.address(), resource, to.get(),
                    null, null);
        }
        Optional<Address> sender = bare(inner.getFrom());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        return map(inner, account, MessageSource.CARBON, Direction.INCOMING, sender.get(), resource(inner.getFrom()),
                sender.get(), null, null);
    }

    /**
     * A message from the account's archive. The archive holds both directions: what the account itself sent
     * (no from, or from the account) is OUTGOING to its {@code to}; anything else is INCOMING from its sender.
     */
    static Optional<InboundMessage> fromArchive(Message inner, AccountId account, String archiveId, Instant stamp) {
        Jid from = inner.getFrom();
        if (from == null || isAccount(from, account)) {
            Optional<Address> to = bare(inner.getTo());
            return to.flatMap(peer -> map(inner, account, MessageSource.ARCHIVE, Direction.OUTGOING,
                    account.address(), from == null ? null : resource(from), peer, archiveId, stamp));
        }
        Optional<Address> sender = bare(from);
        return sender.flatMap(s -> map(inner, account, MessageSource.ARCHIVE, Direction.INCOMING, s, resource(from),
                s, archiveId, stamp));
    }

    private static Optional<InboundMessage> map(Message message, AccountId account, MessageSource source,
            Direction direction, Address sender, String senderResource, Address peer, String archiveId,
            Instant archiveStamp) {
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return Optional.empty();
        }
        Optional<Content> parsed = content(message);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Content c = parsed.get();
        String stanzaId;
        String stanzaIdBy;
        if (archiveId != null) {
            // XEP-0313: a message's archive id is the stanza-id the archive gave it, whatever the copy carries.
            stanzaId = archiveId;
            stanzaIdBy = account.address().value();
        } else {
            StanzaIdElement sid = stanzaIdBy(message, account.address());
            stanzaId = sid == null ? null : sid.getId();
            stanzaIdBy = sid == null ? null : sid.getBy();
        }
        Instant serverTime = archiveStamp != null ? archiveStamp : c.delayStamp();
        // Only the device a message was delivered to answers its receipt request; a carbon copy never does.
        boolean receipt = direction == Direction.INCOMING && source != MessageSource.CARBON
                && DeliveryReceiptRequest.from(message) != null;
        return Optional.of(new InboundMessage(account, sender, senderResource, ConversationKind.CHAT, c.text(),
                c.contentKind(), message.getStanzaId(), c.originId(), stanzaId, stanzaIdBy, serverTime,
                receipt, direction, peer, source, archiveId, c.replacesId(), c.retractsId(), c.replyToId(), null,
                c.senderClock()));
    }

    /**
     * What a message says, whoever it came from and however it arrived (one-to-one, room, archive): its text
     * (reply quote stripped, never the fallback of an encrypted payload), origin-id, delay stamp and what it
     * changes or answers, and when its writer says it wrote it ({@link SenderClock}).
     */
    public record Content(String text, ContentKind contentKind, String originId, Instant delayStamp,
            String replacesId, String retractsId, String replyToId, Instant senderClock) {
    }

    /** The content of a message, or empty when it carries none (receipts, markers, chat states, key transport). */
    public static Optional<Content> content(Message message) {
        XmlElement encrypted = omemoElement(message);
        boolean omemo = encrypted != null;
        MessageReferences refs = MessageReferences.of(message);
        String body = message.getBody();
        // Without a body only an encrypted payload or a retraction counts; OMEMO key-transport messages carry
        // neither, and receipts, markers and chat states have no body.
        if (body == null && !(omemo && hasPayload(encrypted)) && refs.retractsId() == null) {
            return Optional.empty();
        }
        // The fallback body of an encrypted message only says "this is encrypted": never pass it on as text.
        String text;
        if (omemo) {
            text = "";
        } else if (body == null) {
            text = "";
        } else if (refs.replyToId() != null) {
            text = Fallbacks.strip(message, body, MessageReferences.REPLY_NS);
        } else {
            text = body;
        }
        ContentKind kind = omemo ? ContentKind.OMEMO_ENCRYPTED : ContentKind.TEXT;
        OriginIdElement origin = OriginIdElement.getOriginId(message);
        DelayInformation delay = DelayInformation.from(message);
        Instant stamp = delay == null || delay.getStamp() == null ? null : delay.getStamp().toInstant();
        return Optional.of(new Content(text, kind, origin == null ? null : origin.getId(), stamp, refs.replacesId(),
                refs.retractsId(), refs.replyToId(), SenderClock.of(message)));
    }

    static boolean isAccount(Jid jid, AccountId account) {
        return jid != null && bare(jid).map(account.address()::equals).orElse(false);
    }

    private static Optional<Address> bare(Jid jid) {
        return jid == null ? Optional.empty() : Address.parse(jid.asBareJid().toString());
    }

    private static String resource(Jid jid) {
        return jid.getResourceOrNull() == null ? null : jid.getResourceOrNull().toString();
    }

    /**
     * The stanza-id stamped by {@code assigner} (our own server, or a room for its messages), or null: anyone
     * else's could be forged by the sender.
     */
    public static StanzaIdElement stanzaIdBy(Message message, Address assigner) {
        for (StanzaIdElement sid : message.getExtensions(StanzaIdElement.class)) {
            String by = sid.getBy();
            if (by != null && !by.contains("/") && Address.parse(by).map(assigner::equals).orElse(false)) {
                return sid;
            }
        }
        return null;
    }

    private static XmlElement omemoElement(Message message) {
        XmlElement legacy = message.getExtensionElement("encrypted", OMEMO_LEGACY_NS);
        return legacy != null ? legacy : message.getExtensionElement("encrypted", OMEMO_2_NS);
    }

    private static boolean hasPayload(XmlElement element) {
        return element instanceof StandardExtensionElement s && s.getFirstElement("payload") != null;
    }
}
