package im.natter.ui.room;

/** What the user can do to someone in the room, in the words of the occupant's context menu. */
public enum OccupantAction {
    MESSAGE_PRIVATELY("Send a private message"),
    GRANT_VOICE("Give a voice"),
    REVOKE_VOICE("Take the voice away"),
    MAKE_MEMBER("Make a member"),
    MAKE_MODERATOR("Make a moderator"),
    REVOKE_MODERATOR("Take moderation away"),
    MAKE_ADMIN("Make an admin"),
    KICK("Kick out…"),
    BAN("Ban…");

    private final String label;

    OccupantAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Kicks and bans ask for a reason, which the person is told. */
    public boolean asksForReason() {
        return this == KICK || this == BAN;
    }

    /** Ones that hurt, shown apart and in red. */
    public boolean isHarsh() {
        return this == KICK || this == BAN;
    }
}
