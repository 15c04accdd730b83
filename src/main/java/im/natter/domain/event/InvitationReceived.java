package im.natter.domain.event;

import im.natter.domain.model.RoomInvitation;

/** Someone invited the user into a room. */
public record InvitationReceived(RoomInvitation invitation) implements NatterEvent {
}
