package im.natter.service;

import im.natter.domain.event.ContactChanged;
import im.natter.domain.event.ContactRemoved;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.PeerChatStateChanged;
import im.natter.domain.event.RosterLoaded;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ChatState;
import im.natter.domain.model.Contact;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.Subscription;
import im.natter.domain.port.ChatStatePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * XEP-0085 chat states, both ways.
 *
 * <p>Sending: {@code composing} when the user starts typing (once, not per key), {@code paused} after
 * {@link #PAUSE_AFTER} without typing, {@code active} when the chat is opened or focused and, through the xmpp
 * layer, with every message, {@code inactive} when the chat is closed. Standalone states go only to a contact who
 * sees the user's presence anyway (subscription from/both) and whose client has shown it understands chat states
 * (XEP-0085 §5.1), and only from the open chat: typing elsewhere is nobody's business.
 *
 * <p>Receiving: {@link PeerChatStateChanged} for the UI; "typing" ends by itself after {@link #PEER_TIMEOUT}
 * without news, and when the contact's message arrives.
 */
public final class ChatStateService {

    static final Duration PAUSE_AFTER = Duration.ofSeconds(5);
    /** At most one "composing" in this time, however the user types and stops. */
    static final Duration COMPOSING_AT_MOST_EVERY = Duration.ofSeconds(3);
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    private final ChatStatePort port;
    private final EventBus bus;
    private final Executor worker;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<ConversationKey, Outgoing> ours = new HashMap<>();
    private final Map<ConversationKey, ChatState> theirs = new HashMap<>();
    private final Map<ConversationKey, ScheduledFuture<?>> theirTimeouts = new HashMap<>();
    /** Contacts whose client sent us a chat state: they understand them. */
    private final Set<ConversationKey> understood = new HashSet<>();
    /** Per account, the contacts who may see our presence (subscription from or both). */
    private final Map<AccountId, Set<Address>> presenceShared = new HashMap<>();

    private static final class Outgoing {
        ChatState sent = ChatState.ACTIVE;
        boolean anySent;
        Instant lastTyped = Instant.MIN;
        Instant lastComposing = Instant.MIN;
        ScheduledFuture<?> pauseCheck;
    }

    public ChatStateService(ChatStatePort port, EventBus bus, Executor worker, ScheduledExecutorService scheduler,
            Clock clock) {
        this.port = port;
        this.bus = bus;
        this.worker = worker;
        this.scheduler = scheduler;
        this.clock = clock;
        port.addListener((account, from, state) -> received(from.isOccupant()
                ? new ConversationKey(account, from, ConversationKind.ROOM_PRIVATE)
                : ConversationKey.chat(account, from), state));
        bus.subscribe(event -> {
            switch (event) {
                case MessageAdded added -> messageAdded(added.message());
                case RosterLoaded loaded -> rosterLoaded(loaded.account(), loaded.contacts());
                case ContactChanged changed -> contactChanged(changed.account(), changed.contact());
                case ContactRemoved removed -> {
                    synchronized (lock) {
                        presenceShared.getOrDefault(removed.account(), Set.of()).remove(removed.address());
                    }
                }
                default -> {
                }
            }
        });
    }

    /** The contact's state as last heard (ACTIVE when nothing was heard). */
    public ChatState peerState(ConversationKey key) {
        synchronized (lock) {
            return theirs.getOrDefault(key, ChatState.ACTIVE);
        }
    }

    /** The user typed in the open chat's composer. */
    public void typing(ConversationKey key) {
        Instant now = clock.instant();
        synchronized (lock) {
            Outgoing o = ours.computeIfAbsent(key, k -> new Outgoing());
            o.lastTyped = now;
            if (o.pauseCheck == null) {
                o.pauseCheck = scheduler.schedule(() -> checkPause(key), PAUSE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (o.sent == ChatState.COMPOSING
                    || o.lastComposing.plus(COMPOSING_AT_MOST_EVERY).isAfter(now)) {
                return;
            }
            if (send(key, o, ChatState.COMPOSING)) {
                o.lastComposing = now;
            }
        }
    }

    /** The user emptied the composer without sending: they are there, but not typing. */
    public void cleared(ConversationKey key) {
        synchronized (lock) {
            Outgoing o = ours.get(key);
            if (o != null && (o.sent == ChatState.COMPOSING || o.sent == ChatState.PAUSED)) {
                cancelPause(o);
                send(key, o, ChatState.ACTIVE);
            }
        }
    }

    /** The chat is shown and the window has the focus. */
    public void focused(ConversationKey key) {
        synchronized (lock) {
            Outgoing o = ours.computeIfAbsent(key, k -> new Outgoing());
            if (o.sent != ChatState.ACTIVE) {
                cancelPause(o);
                send(key, o, ChatState.ACTIVE);
            }
        }
    }

    /** The chat was closed. Says so only to a contact who was told something before. */
    public void left(ConversationKey key) {
        synchronized (lock) {
            Outgoing o = ours.remove(key);
            if (o != null && o.anySent) {
                cancelPause(o);
                send(key, o, ChatState.INACTIVE);
            }
        }
    }

    private void checkPause(ConversationKey key) {
        synchronized (lock) {
            Outgoing o = ours.get(key);
            if (o == null) {
                return;
            }
            o.pauseCheck = null;
            Instant due = o.lastTyped.plus(PAUSE_AFTER);
            Instant now = clock.instant();
            if (now.isBefore(due)) {
                o.pauseCheck = scheduler.schedule(() -> checkPause(key), Duration.between(now, due).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else if (o.sent == ChatState.COMPOSING) {
                send(key, o, ChatState.PAUSED);
            }
        }
    }

    /** Sends a standalone state where allowed; true when it went out. Caller holds the lock. */
    private boolean send(ConversationKey key, Outgoing o, ChatState state) {
        boolean allowed = understood.contains(key)
                && presenceShared.getOrDefault(key.account(), Set.of()).contains(key.peer());
        if (!allowed) {
            return false;
        }
        o.sent = state;
        o.anySent = true;
        worker.execute(() -> port.sendChatState(key.account(), key.peer(), state));
        return true;
    }

    private static void cancelPause(Outgoing o) {
        if (o.pauseCheck != null) {
            o.pauseCheck.cancel(false);
            o.pauseCheck = null;
        }
    }

    private void received(ConversationKey key, ChatState state) {
        synchronized (lock) {
            understood.add(key);
            ScheduledFuture<?> old = theirTimeouts.remove(key);
            if (old != null) {
                old.cancel(false);
            }
            if (state == ChatState.COMPOSING) {
                theirTimeouts.put(key, scheduler.schedule(() -> peerWentQuiet(key), PEER_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            if (theirs.put(key, state) == state) {
                return;
            }
        }
        bus.publish(new PeerChatStateChanged(key, state));
    }

    private void peerWentQuiet(ConversationKey key) {
        synchronized (lock) {
            theirTimeouts.remove(key);
            if (theirs.get(key) != ChatState.COMPOSING) {
                return;
            }
            theirs.put(key, ChatState.PAUSED);
        }
        bus.publish(new PeerChatStateChanged(key, ChatState.PAUSED));
    }

    private void messageAdded(ChatMessage m) {
        ConversationKey key = m.conversation();
        if (m.direction() == Direction.OUTGOING) {
            // the message itself carried <active/>
            synchronized (lock) {
                Outgoing o = ours.get(key);
                if (o != null) {
                    cancelPause(o);
                    o.sent = ChatState.ACTIVE;
                }
            }
            return;
        }
        boolean wasTyping;
        synchronized (lock) {
            ChatState state = theirs.get(key);
            wasTyping = state == ChatState.COMPOSING || state == ChatState.PAUSED;
            if (wasTyping) {
                theirs.put(key, ChatState.ACTIVE);
                ScheduledFuture<?> timeout = theirTimeouts.remove(key);
                if (timeout != null) {
                    timeout.cancel(false);
                }
            }
        }
        if (wasTyping) {
            bus.publish(new PeerChatStateChanged(key, ChatState.ACTIVE));
        }
    }

    private void rosterLoaded(AccountId account, java.util.List<Contact> contacts) {
        synchronized (lock) {
            Set<Address> shared = new HashSet<>();
            for (Contact c : contacts) {
                if (sharesPresence(c.subscription())) {
                    shared.add(c.address());
                }
            }
            presenceShared.put(account, shared);
        }
    }

    private void contactChanged(AccountId account, Contact contact) {
        synchronized (lock) {
            Set<Address> shared = presenceShared.computeIfAbsent(account, a -> new HashSet<>());
            if (sharesPresence(contact.subscription())) {
                shared.add(contact.address());
            } else {
                shared.remove(contact.address());
            }
        }
    }

    private static boolean sharesPresence(Subscription s) {
        return s == Subscription.FROM || s == Subscription.BOTH;
    }
}
