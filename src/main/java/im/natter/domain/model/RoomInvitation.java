package im.natter.domain.model;

import java.util.Objects;

/**
 * An invitation into a room, either direct (XEP-0249, from the inviter) or mediated (XEP-0045 §7.8.2, through the
 * room).
 *
 * @param inviter  the bare address of who invites
 * @param reason   what the inviter wrote, or null
 * @param password the room's password, when the invitation carries it, or null
 */
public record RoomInvitation(AccountId account, Address room, Address inviter, String reason, String password,
        boolean direct) {

    public RoomInvitation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(inviter, "inviter");
    }
}
