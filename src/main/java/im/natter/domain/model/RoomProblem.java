package im.natter.domain.model;

/** Why the user could not get into a room or do something in it. The text is for the user. */
public enum RoomProblem {
    WRONG_PASSWORD("The room's password is wrong."),
    BANNED("You are banned from this room."),
    NICK_TAKEN("Someone in the room already uses that nickname."),
    MEMBERS_ONLY("Only members may enter this room."),
    NOT_FOUND("There is no such room."),
    CREATION_REFUSED("The server does not let you create this room."),
    ROOM_FULL("The room is full."),
    NOT_ALLOWED("The room does not allow that."),
    NOT_CONNECTED("You are not connected."),
    NO_ANSWER("The room did not answer."),
    OTHER("The room refused.");

    private final String text;

    RoomProblem(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
