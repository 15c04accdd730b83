package im.natter.domain.model;

/** What a presence says about someone's availability, best first. */
public enum Availability {
    CHAT,
    AVAILABLE,
    AWAY,
    EXTENDED_AWAY,
    DO_NOT_DISTURB,
    OFFLINE;

    public boolean isOnline() {
        return this != OFFLINE;
    }

    /** Orders availabilities for choosing what a contact with several devices shows: lower is better. */
    public int rank() {
        return switch (this) {
            case CHAT -> 0;
            case AVAILABLE -> 1;
            case DO_NOT_DISTURB -> 2;
            case AWAY -> 3;
            case EXTENDED_AWAY -> 4;
            case OFFLINE -> 5;
        };
    }
}
