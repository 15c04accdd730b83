package im.natter.xmpp.room;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.RoomInvitation;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.muc.packet.GroupChatInvitation;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

/** Room invitations: direct (XEP-0249, {@code jabber:x:conference}) and mediated (XEP-0045 §7.8.2), and declines. */
public final class Invitations {

    /** Someone declined the user's mediated invitation. */
    public record Declined(Address room, Address invitee, String reason) {
    }

    private Invitations() {
    }

    /** Whether the message is an invitation or a decline of either kind (and nothing for one-to-one chat). */
    public static boolean isInvitation(Message message) {
        if (GroupChatInvitation.from(message) != null) {
            return true;
        }
        MUCUser x = MUCUser.from(message);
        return x != null && (x.getInvite() != null || x.getDecline() != null);
    }

    public static Optional<RoomInvitation> received(Message message, AccountId account) {
        Jid from = message.getFrom();
        if (from == null || message.getType() == Message.Type.error || message.getType() == Message.Type.groupchat) {
            return Optional.empty();
        }
        // Servers add a jabber:x:conference element to mediated invitations for older clients: muc#user first.
        MUCUser x = MUCUser.from(message);
        if (x != null && x.getInvite() != null) {
            if (!from.isEntityBareJid()) {
                return Optional.empty(); // a mediated invitation comes from the room itself
            }
            Optional<Address> room = Address.parse(from.toString());
            Optional<Address> inviter = room.flatMap(r -> inviter(r, x.getInvite().getFrom()));
            if (room.isEmpty() || inviter.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RoomInvitation(account, room.get(), inviter.get(),
                    blank(x.getInvite().getReason()), blank(x.getPassword()), false));
        }
        GroupChatInvitation direct = GroupChatInvitation.from(message);
        if (direct != null) {
            Optional<Address> room = Address.parse(direct.getRoomAddress().toString());
            Optional<Address> inviter = Address.parse(from.asBareJid().toString());
            if (room.isEmpty() || inviter.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RoomInvitation(account, room.get(), inviter.get(), blank(direct.getReason()),
                    blank(direct.getPassword()), true));
        }
        return Optional.empty();
    }

    /**
     * Who the room says invites: a user's bare address, or, when the room keeps real addresses hidden (Prosody
     * names the inviter by their nickname in the room), the inviter as an occupant of the room.
     */
    private static Optional<Address> inviter(Address room, Jid claimed) {
        if (claimed == null) {
            return Optional.of(room);
        }
        Optional<Address> bare = Address.parse(claimed.asBareJid().toString());
        if (bare.isPresent() && bare.get().equals(room) && claimed.getResourceOrNull() != null) {
            return Optional.of(Address.occupant(room, claimed.getResourceOrNull().toString()));
        }
        return bare;
    }

    public static Optional<Declined> declined(Message message) {
        Jid from = message.getFrom();
        MUCUser x = MUCUser.from(message);
        if (from == null || !from.isEntityBareJid() || x == null || x.getDecline() == null
                || x.getDecline().getFrom() == null) {
            return Optional.empty();
        }
        Optional<Address> room = Address.parse(from.toString());
        Optional<Address> invitee = Address.parse(x.getDecline().getFrom().toString());
        if (room.isEmpty() || invitee.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Declined(room.get(), invitee.get(), blank(x.getDecline().getReason())));
    }

    public static Message direct(EntityBareJid room, Jid invitee, String reason, String password) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.normal).to(invitee)
                .addExtension(new GroupChatInvitation(room, blank(reason), blank(password), false, null))
                .build();
    }

    public static Message mediated(EntityBareJid room, EntityBareJid invitee, String reason) {
        MUCUser x = new MUCUser();
        x.setInvite(new MUCUser.Invite(blank(reason), invitee));
        return StanzaBuilder.buildMessage().ofType(Message.Type.normal).to(room).addExtension(x).build();
    }

    /**
     * Declines through the room. The inviter may be a user's address or, where the room hid it, an occupant's
     * ({@code room/nick}), which Smack's element cannot carry, hence the element is built here.
     */
    public static Message decline(EntityBareJid room, String inviter, String reason) {
        var decline = StandardExtensionElement.builder("decline", MUCUser.NAMESPACE).addAttribute("to", inviter);
        if (blank(reason) != null) {
            decline.addElement("reason", reason);
        }
        StandardExtensionElement x = StandardExtensionElement.builder("x", MUCUser.NAMESPACE)
                .addElement(decline.build()).build();
        return StanzaBuilder.buildMessage().ofType(Message.Type.normal).to(room).addExtension(x).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
