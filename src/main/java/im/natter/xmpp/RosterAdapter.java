package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Contact;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.RosterPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.RosterLoadedListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/** The roster (RFC 6121) with subscriptions decided by the user, never automatically. */
public final class RosterAdapter implements RosterPort {

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();

    public RosterAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(new SessionHook() {
            @Override
            public void created(Session session) {
                attach(session);
            }

            @Override
            public void authenticated(Session session, boolean resumed) {
                // A resumed stream gets no fresh roster from the server; what Smack holds is still current.
                if (resumed) {
                    Roster roster = Roster.getInstanceFor(session.connection);
                    listeners.fire(l -> l.rosterLoaded(session.account, contacts(roster)));
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> addContact(AccountId account, Address address, String name) {
        return run(account, session -> Roster.getInstanceFor(session.connection)
                .createItemAndRequestSubscription(bare(address), name, null));
    }

    @Override
    public CompletableFuture<Void> approveSubscription(AccountId account, Address from) {
        return run(account, session -> {
            BareJid jid = bare(from);
            send(session, jid, Presence.Type.subscribed);
            RosterEntry entry = Roster.getInstanceFor(session.connection).getEntry(jid);
            if (entry == null || (!entry.canSeeHisPresence() && !entry.isSubscriptionPending())) {
                send(session, jid, Presence.Type.subscribe);
            }
        });
    }

    @Override
    public CompletableFuture<Void> denySubscription(AccountId account, Address from) {
        return run(account, session -> send(session, bare(from), Presence.Type.unsubscribed));
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        Roster roster = Roster.getInstanceFor(session.connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        AccountId account = session.account;
        roster.addRosterLoadedListener(new RosterLoadedListener() {
            @Override
            public void onRosterLoaded(Roster loaded) {
                listeners.fire(l -> l.rosterLoaded(account, contacts(loaded)));
            }

            @Override
            public void onRosterLoadingFailed(Exception exception) {
                // Nothing to report: the roster simply stays as last stored.
            }
        });
        roster.addRosterListener(new RosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
                changed(roster, account, addresses);
            }

            @Override
            public void entriesUpdated(Collection<Jid> addresses) {
                changed(roster, account, addresses);
            }

            @Override
            public void entriesDeleted(Collection<Jid> addresses) {
                for (Jid jid : addresses) {
                    Address.parse(jid.asBareJid().toString())
                            .ifPresent(a -> listeners.fire(l -> l.contactRemoved(account, a)));
                }
            }

            @Override
            public void presenceChanged(Presence presence) {
                // Presence is the PresenceAdapter's business.
            }
        });
        session.connection.addSyncStanzaListener(stanza -> onSubscriptionPresence(session, stanza),
                new AndFilter(StanzaTypeFilter.PRESENCE, new OrFilter(PresenceTypeFilter.SUBSCRIBE,
                        PresenceTypeFilter.SUBSCRIBED, PresenceTypeFilter.UNSUBSCRIBED)));
    }

    private void changed(Roster roster, AccountId account, Collection<Jid> addresses) {
        for (Jid jid : addresses) {
            RosterEntry entry = roster.getEntry(jid.asBareJid());
            if (entry != null) {
                toContact(entry).ifPresent(c -> listeners.fire(l -> l.contactChanged(account, c)));
            }
        }
    }

    private void onSubscriptionPresence(Session session, Stanza stanza) {
        Presence presence = (Presence) stanza;
        if (presence.getFrom() == null) {
            return;
        }
        Optional<Address> from = Address.parse(presence.getFrom().asBareJid().toString());
        if (from.isEmpty()) {
            return;
        }
        AccountId account = session.account;
        switch (presence.getType()) {
            case subscribe -> {
                Nick nick = presence.getExtension(Nick.class);
                DelayInformation delay = DelayInformation.from(presence);
                Instant when = delay != null && delay.getStamp() != null ? delay.getStamp().toInstant()
                        : sessions.config().clock().instant();
                var request = new SubscriptionRequest(account, from.get(), nick == null ? null : nick.getName(), when);
                listeners.fire(l -> l.subscriptionRequested(request));
            }
            case subscribed -> listeners.fire(l -> l.subscriptionAnswered(account, from.get(), true));
            case unsubscribed -> listeners.fire(l -> l.subscriptionAnswered(account, from.get(), false));
            default -> {
            }
        }
    }

    static List<Contact> contacts(Roster roster) {
        List<Contact> all = new ArrayList<>();
        for (RosterEntry entry : roster.getEntries()) {
            toContact(entry).ifPresent(all::add);
        }
        return all;
    }

    static Optional<Contact> toContact(RosterEntry entry) {
        return Address.parse(entry.getJid().toString()).map(address -> new Contact(address, entry.getName(),
                subscription(entry.getType()), entry.isSubscriptionPending(),
                entry.getGroups().stream().map(RosterGroup::getName).toList()));
    }

    static Subscription subscription(RosterPacket.ItemType type) {
        if (type == null) {
            return Subscription.NONE;
        }
        return switch (type) {
            case to -> Subscription.TO;
            case from -> Subscription.FROM;
            case both -> Subscription.BOTH;
            case none, remove -> Subscription.NONE;
        };
    }

    private static void send(Session session, BareJid to, Presence.Type type) throws Exception {
        Presence p = session.connection.getStanzaFactory().buildPresenceStanza().ofType(type).to(to).build();
        session.connection.sendStanza(p);
    }

    private static BareJid bare(Address address) {
        return ChatAdapter.jid(address, null).asBareJid();
    }

    private interface Work {
        void run(Session session) throws Exception;
    }

    private CompletableFuture<Void> run(AccountId account, Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Session session;
        try {
            session = sessions.live(account);
        } catch (ChatPort.NotConnectedException e) {
            return CompletableFuture.failedFuture(e);
        }
        sessions.config().executor().execute(() -> {
            try {
                work.run(session);
                done.complete(null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
