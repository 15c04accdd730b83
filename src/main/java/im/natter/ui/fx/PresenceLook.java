package im.natter.ui.fx;

import im.natter.domain.model.Availability;

/** Words and colours for an availability, the same everywhere a presence shows. */
public final class PresenceLook {

    private PresenceLook() {
    }

    public static String label(Availability availability) {
        return switch (availability) {
            case CHAT -> "Free to chat";
            case AVAILABLE -> "Available";
            case AWAY -> "Away";
            case EXTENDED_AWAY -> "Extended away";
            case DO_NOT_DISTURB -> "Do not disturb";
            case OFFLINE -> "Offline";
        };
    }

    /** The style class of the presence dot, e.g. {@code presence-away}. */
    public static String styleClass(Availability availability) {
        return "presence-" + availability.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static String colour(Availability availability) {
        return switch (availability) {
            case CHAT, AVAILABLE -> "#2da44e";
            case AWAY -> "#d4a72c";
            case EXTENDED_AWAY -> "#bc4c00";
            case DO_NOT_DISTURB -> "#cf222e";
            case OFFLINE -> "#8c959f";
        };
    }
}
