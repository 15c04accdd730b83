package im.natter.domain.model;

import java.util.Objects;

/** An availability plus the free-text status message (may be empty, never null). */
public record PresenceStatus(Availability availability, String message) {

    public static final PresenceStatus OFFLINE = new PresenceStatus(Availability.OFFLINE, "");

    public PresenceStatus {
        Objects.requireNonNull(availability, "availability");
        message = message == null ? "" : message;
    }
}
