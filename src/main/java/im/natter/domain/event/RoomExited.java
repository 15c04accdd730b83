package im.natter.domain.event;

import im.natter.domain.model.RoomExit;

/** The user is out of a room (left, kicked, banned, the room destroyed, or dropped until the rejoin). */
public record RoomExited(RoomExit exit) implements NatterEvent {
}
