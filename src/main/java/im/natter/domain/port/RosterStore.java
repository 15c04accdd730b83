package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.SubscriptionRequest;
import java.util.List;

/** The last known roster and pending subscription requests, so both show before the network is up. */
public interface RosterStore {

    List<Contact> roster(AccountId account) throws ArchiveException;

    /** Replaces the whole stored roster of the account in one transaction. */
    void replaceRoster(AccountId account, List<Contact> contacts) throws ArchiveException;

    void saveContact(AccountId account, Contact contact) throws ArchiveException;

    void removeContact(AccountId account, Address address) throws ArchiveException;

    List<SubscriptionRequest> pendingRequests(AccountId account) throws ArchiveException;

    /** Stores a request; a repeated request from the same address keeps the first one. */
    void saveRequest(SubscriptionRequest request) throws ArchiveException;

    void removeRequest(AccountId account, Address from) throws ArchiveException;
}
