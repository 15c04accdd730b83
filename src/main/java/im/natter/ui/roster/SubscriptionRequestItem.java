package im.natter.ui.roster;

import im.natter.domain.model.Address;

/** Someone who asked to see the user's presence, waiting for Accept or Decline. */
public record SubscriptionRequestItem(Address from, String nickname) {

    public String title() {
        return nickname == null || nickname.isBlank() ? from.value() : nickname.strip() + " (" + from.value() + ")";
    }
}
