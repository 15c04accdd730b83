package im.natter.service;

import im.natter.domain.event.ContactChanged;
import im.natter.domain.event.ContactRemoved;
import im.natter.domain.event.NoticeRaised;
import im.natter.domain.event.RosterLoaded;
import im.natter.domain.event.SubscriptionRequestResolved;
import im.natter.domain.event.SubscriptionRequested;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.RosterPort;
import im.natter.domain.port.RosterStore;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The contact list and subscription requests. The archive keeps the last roster and the pending requests, so
 * both show at start before the network is up, and a request that arrived while Natter was closed is not missed.
 */
public final class RosterService {

    private static final System.Logger LOG = System.getLogger(RosterService.class.getName());

    private final RosterPort port;
    private final RosterStore store;
    private final EventBus bus;
    private final Executor worker;

    public RosterService(RosterPort port, RosterStore store, EventBus bus, Executor worker) {
        this.port = port;
        this.store = store;
        this.bus = bus;
        this.worker = worker;
        port.addListener(new RosterPort.Listener() {
            @Override
            public void rosterLoaded(AccountId account, List<Contact> contacts) {
                worker.execute(() -> {
                    archive(() -> store.replaceRoster(account, contacts));
                    bus.publish(new RosterLoaded(account, contacts));
                });
            }

            @Override
            public void contactChanged(AccountId account, Contact contact) {
                worker.execute(() -> {
                    archive(() -> store.saveContact(account, contact));
                    bus.publish(new ContactChanged(account, contact));
                });
            }

            @Override
            public void contactRemoved(AccountId account, Address address) {
                worker.execute(() -> {
                    archive(() -> store.removeContact(account, address));
                    bus.publish(new ContactRemoved(account, address));
                });
            }

            @Override
            public void subscriptionRequested(SubscriptionRequest request) {
                worker.execute(() -> {
                    archive(() -> store.saveRequest(request));
                    bus.publish(new SubscriptionRequested(request));
                });
            }

            @Override
            public void subscriptionAnswered(AccountId account, Address from, boolean approved) {
                // the roster push that follows carries the new subscription state
            }
        });
    }

    /** Publishes what the archive knows (roster and pending requests), for the UI at start. */
    public void loadFromArchive(AccountId account) {
        worker.execute(() -> {
            try {
                bus.publish(new RosterLoaded(account, store.roster(account)));
                for (SubscriptionRequest r : store.pendingRequests(account)) {
                    bus.publish(new SubscriptionRequested(r));
                }
            } catch (ArchiveException e) {
                notice(e);
            }
        });
    }

    public CompletableFuture<Void> addContact(AccountId account, Address address, String name) {
        String cleanName = name == null || name.isBlank() ? null : name.strip();
        return port.addContact(account, address, cleanName);
    }

    public CompletableFuture<Void> accept(AccountId account, Address from) {
        return port.approveSubscription(account, from).thenRunAsync(() -> resolved(account, from), worker);
    }

    public CompletableFuture<Void> decline(AccountId account, Address from) {
        return port.denySubscription(account, from).thenRunAsync(() -> resolved(account, from), worker);
    }

    private void resolved(AccountId account, Address from) {
        archive(() -> store.removeRequest(account, from));
        bus.publish(new SubscriptionRequestResolved(account, from));
    }

    private void archive(ArchiveWrite write) {
        try {
            write.run();
        } catch (ArchiveException e) {
            notice(e);
        }
    }

    private void notice(ArchiveException e) {
        LOG.log(Level.WARNING, e.getMessage(), e);
        bus.publish(new NoticeRaised(NoticeRaised.Level.ERROR, e.getMessage()));
    }

    @FunctionalInterface
    private interface ArchiveWrite {
        void run() throws ArchiveException;
    }
}
