package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.SubscriptionRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The server-side contact list and subscriptions (RFC 6121). Implemented by the xmpp layer. */
public interface RosterPort {

    /** Adds the contact to the roster with {@code name} (may be null) and asks to see their presence. */
    CompletableFuture<Void> addContact(AccountId account, Address address, String name);

    /** Lets {@code from} see the user's presence, and asks for theirs back if not already subscribed. */
    CompletableFuture<Void> approveSubscription(AccountId account, Address from);

    CompletableFuture<Void> denySubscription(AccountId account, Address from);

    void addListener(Listener listener);

    interface Listener {

        /** The full roster, after each sign-in. */
        void rosterLoaded(AccountId account, List<Contact> contacts);

        void contactChanged(AccountId account, Contact contact);

        void contactRemoved(AccountId account, Address address);

        void subscriptionRequested(SubscriptionRequest request);

        /** Someone we asked approved (true) or refused or revoked (false) our subscription. */
        void subscriptionAnswered(AccountId account, Address from, boolean approved);
    }
}
