package im.natter.testsupport.fakes;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.Contact;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.OutboundMessage;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.PresencePort;
import im.natter.domain.port.RosterPort;
import im.natter.domain.port.HistoryPort;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the xmpp layer in service and view-model tests (never where the wire itself is tested: that is
 * what the Prosody integration tests are for). Everything happens synchronously on the calling thread.
 * Tests drive the "server side" through {@code receive...}, {@code drop}, {@code failNextConnect} and read what
 * was sent from {@link #sent()}.
 */
public final class FakeXmpp implements ConnectionPort, ChatPort, RosterPort, PresencePort, HistoryPort,
        im.natter.domain.port.MarkersPort, im.natter.domain.port.ChatStatePort {

    private final List<ConnectionPort.Listener> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<ChatPort.Listener> chatListeners = new CopyOnWriteArrayList<>();
    private final List<RosterPort.Listener> rosterListeners = new CopyOnWriteArrayList<>();
    private final List<PresencePort.Listener> presenceListeners = new CopyOnWriteArrayList<>();
    private final Set<AccountId> connected = ConcurrentHashMap.newKeySet();
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final List<String> receipts = new CopyOnWriteArrayList<>();
    private final List<String> rosterActions = new CopyOnWriteArrayList<>();
    private final List<PresenceStatus> ownPresences = new CopyOnWriteArrayList<>();
    private final List<ConnectionProblem> connectFailures = new CopyOnWriteArrayList<>();
    private volatile int maxBodyBytes = 250_000;
    private volatile boolean autoAck = true;
    private volatile AccountSettings lastSettings;
    private volatile int connectCalls;
    private volatile boolean resumeNext;
    private final List<InboundMessage> serverArchive = new CopyOnWriteArrayList<>();
    private final List<HistoryQuery> historyQueries = new CopyOnWriteArrayList<>();
    private volatile boolean historySupported = true;
    private volatile RuntimeException historyFailure;
    private volatile int historyAnswersBeforeFailure;
    private final List<im.natter.domain.port.MarkersPort.Listener> markerListeners = new CopyOnWriteArrayList<>();
    private final List<im.natter.domain.port.ChatStatePort.Listener> chatStateListeners =
            new CopyOnWriteArrayList<>();
    private final List<String> displayedSent = new CopyOnWriteArrayList<>();
    private final List<String> readPointsPublished = new CopyOnWriteArrayList<>();
    private final List<String> chatStatesSent = new CopyOnWriteArrayList<>();
    private final Set<String> markable = ConcurrentHashMap.newKeySet();

    // ---- test controls -------------------------------------------------------------------------------------

    public List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }

    public List<String> receiptsSent() {
        return List.copyOf(receipts);
    }

    public List<String> rosterActions() {
        return List.copyOf(rosterActions);
    }

    public List<PresenceStatus> ownPresencesSent() {
        return List.copyOf(ownPresences);
    }

    public AccountSettings lastSettings() {
        return lastSettings;
    }

    public int connectCalls() {
        return connectCalls;
    }

    public void setMaxBodyBytes(int bytes) {
        maxBodyBytes = bytes;
    }

    /** When true (the default) every sent message is acknowledged by the "server" at once. */
    public void setAutoAck(boolean autoAck) {
        this.autoAck = autoAck;
    }

    /** The next connect or reconnect fails with this problem (queue several for several attempts). */
    public void failNextConnect(ConnectionProblem problem) {
        connectFailures.add(problem);
    }

    public void drop(AccountId account, ConnectionProblem problem) {
        connected.remove(account);
        connectionListeners.forEach(l -> l.connectionLost(account, problem));
    }

    public void receive(InboundMessage message) {
        chatListeners.forEach(l -> l.messageReceived(message));
    }

    public void receiveReceipt(AccountId account, Address from, String originId) {
        chatListeners.forEach(l -> l.receiptReceived(account, from, originId));
    }

    public void acknowledge(AccountId account, String originId) {
        chatListeners.forEach(l -> l.serverAcknowledged(account, originId));
    }

    public void bounce(AccountId account, String originId, String reason) {
        chatListeners.forEach(l -> l.sendFailed(account, originId, reason));
    }

    public void pushRoster(AccountId account, List<Contact> contacts) {
        rosterListeners.forEach(l -> l.rosterLoaded(account, contacts));
    }

    public void pushContact(AccountId account, Contact contact) {
        rosterListeners.forEach(l -> l.contactChanged(account, contact));
    }

    public void requestSubscription(SubscriptionRequest request) {
        rosterListeners.forEach(l -> l.subscriptionRequested(request));
    }

    public void presence(AccountId account, Address from, String resource, PresenceStatus status) {
        presenceListeners.forEach(l -> l.presenceReceived(account, from, resource, status));
    }

    /** Puts a message in the "server's" archive (XEP-0313); its archiveId must be set and increasing. */
    public void archive(InboundMessage message) {
        serverArchive.add(message);
    }

    public List<HistoryQuery> historyQueries() {
        return List.copyOf(historyQueries);
    }

    public void setHistorySupported(boolean supported) {
        historySupported = supported;
    }

    /** The next archive request fails with this (e.g. the connection went away). */
    public void failNextHistory(RuntimeException failure) {
        historyFailure = failure;
    }

    /** The archive request after the next {@code answered} ones fails with this (a catch-up cut off midway). */
    public void failHistoryAfter(int answered, RuntimeException failure) {
        historyAnswersBeforeFailure = answered;
        historyFailure = failure;
    }

    /** The next connect resumes the previous session (XEP-0198). */
    public void resumeNext() {
        resumeNext = true;
    }

    // ---- ConnectionPort ------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> connect(AccountSettings settings, char[] password) {
        lastSettings = settings;
        return doConnect(settings.id(), false);
    }

    @Override
    public CompletableFuture<Void> reconnect(AccountId account) {
        boolean resumed = resumeNext;
        resumeNext = false;
        return doConnect(account, resumed);
    }

    private CompletableFuture<Void> doConnect(AccountId account, boolean resumed) {
        connectCalls++;
        if (!connectFailures.isEmpty()) {
            ConnectionProblem p = connectFailures.remove(0);
            return CompletableFuture.failedFuture(new ConnectionFailedException(p));
        }
        connected.add(account);
        connectionListeners.forEach(l -> l.connected(account, resumed));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect(AccountId account) {
        connected.remove(account);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected(AccountId account) {
        return connected.contains(account);
    }

    @Override
    public void addListener(ConnectionPort.Listener listener) {
        connectionListeners.add(listener);
    }

    // ---- ChatPort ------------------------------------------------------------------------------------------

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void send(OutboundMessage message) throws NotConnectedException {
        if (!connected.contains(message.account())) {
            throw new NotConnectedException("not connected");
        }
        sent.add(message);
        if (autoAck) {
            acknowledge(message.account(), message.originId());
        }
    }

    @Override
    public void sendReceipt(AccountId account, Address to, String toResource, String messageId) {
        receipts.add(messageId);
    }

    @Override
    public void addListener(ChatPort.Listener listener) {
        chatListeners.add(listener);
    }

    // ---- RosterPort ----------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> addContact(AccountId account, Address address, String name) {
        rosterActions.add("add " + address + " " + name);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> approveSubscription(AccountId account, Address from) {
        rosterActions.add("approve " + from);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> denySubscription(AccountId account, Address from) {
        rosterActions.add("deny " + from);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addListener(RosterPort.Listener listener) {
        rosterListeners.add(listener);
    }

    // ---- PresencePort --------------------------------------------------------------------------------------

    @Override
    public void setOwnPresence(AccountId account, PresenceStatus status) throws NotConnectedException {
        if (!connected.contains(account)) {
            throw new NotConnectedException("not connected");
        }
        ownPresences.add(status);
    }

    @Override
    public void addListener(PresencePort.Listener listener) {
        presenceListeners.add(listener);
    }

    // ---- HistoryPort --------------------------------------------------------------------------------------

    @Override
    public boolean isSupported(AccountId account) {
        return historySupported;
    }

    @Override
    public CompletableFuture<HistoryPage> fetch(HistoryQuery q) {
        historyQueries.add(q);
        RuntimeException failure = historyFailure;
        if (failure != null && historyAnswersBeforeFailure > 0) {
            historyAnswersBeforeFailure--;
            failure = null;
        }
        if (failure != null) {
            historyFailure = null;
            return CompletableFuture.failedFuture(failure);
        }
        List<InboundMessage> all = serverArchive.stream()
                .filter(m -> m.account().equals(q.account()))
                // a room's archive holds its groupchat messages; the account's own holds the rest
                .filter(m -> q.archive() == null ? m.kind() != im.natter.domain.model.ConversationKind.ROOM
                        : m.kind() == im.natter.domain.model.ConversationKind.ROOM
                                && m.from().bare().equals(q.archive()))
                .filter(m -> q.with() == null || m.peer().equals(q.with()))
                .filter(m -> q.start() == null || m.serverTime() == null || !m.serverTime().isBefore(q.start()))
                .toList();
        int from;
        int to;
        boolean forwards = q.afterArchiveId() != null || q.beforeArchiveId() == null;
        if (forwards) {
            // after an id, or with neither after nor before: from the oldest in range (XEP-0313 with RSM)
            from = q.afterArchiveId() == null ? 0 : indexOf(all, q.afterArchiveId()) + 1;
            to = Math.min(all.size(), from + q.max());
        } else {
            int end = q.beforeArchiveId() == null || q.beforeArchiveId().isEmpty() ? all.size()
                    : indexOf(all, q.beforeArchiveId());
            to = Math.max(0, end);
            from = Math.max(0, to - q.max());
        }
        List<InboundMessage> page = all.subList(from, to);
        boolean complete = forwards ? to >= all.size() : from == 0;
        return CompletableFuture.completedFuture(new HistoryPage(page,
                page.isEmpty() ? null : page.getFirst().archiveId(), page.isEmpty() ? null : page.getLast().archiveId(),
                complete));
    }

    private static int indexOf(List<InboundMessage> all, String archiveId) {
        for (int i = 0; i < all.size(); i++) {
            if (archiveId.equals(all.get(i).archiveId())) {
                return i;
            }
        }
        return -1;
    }

    /** All four listener lists, for tests that check nothing leaks. */
    public int listenerCount() {
        return new ArrayList<>(connectionListeners).size() + chatListeners.size() + rosterListeners.size()
                + presenceListeners.size();
    }

    // ---- read state (XEP-0333, XEP-0490) and chat states (XEP-0085) ------------------------------------------

    /** Marks message {@code messageId} from {@code peer} as having asked for markers (it carried {@code <markable/>}). */
    public void markable(Address peer, String messageId) {
        markable.add(peer + "/" + messageId);
    }

    /** Displayed markers sent, as "peer/messageId". */
    public List<String> displayedSent() {
        return List.copyOf(displayedSent);
    }

    /** XEP-0490 read points published, as "peer/stanzaId". */
    public List<String> readPointsPublished() {
        return List.copyOf(readPointsPublished);
    }

    /** Standalone chat states sent, as "peer:STATE". */
    public List<String> chatStatesSent() {
        return List.copyOf(chatStatesSent);
    }

    public void receiveDisplayed(AccountId account, Address from, String messageId) {
        markerListeners.forEach(l -> l.displayedByPeer(account, from, messageId));
    }

    public void receiveReadElsewhere(AccountId account, Address peer, String stanzaId, String messageId) {
        markerListeners.forEach(l -> l.readElsewhere(account, peer, stanzaId, messageId));
    }

    public void receiveChatState(AccountId account, Address from, im.natter.domain.model.ChatState state) {
        chatStateListeners.forEach(l -> l.chatStateReceived(account, from, state));
    }

    @Override
    public boolean sendDisplayed(AccountId account, Address peer, String messageId) {
        if (!connected.contains(account) || !markable.contains(peer + "/" + messageId)) {
            return false;
        }
        displayedSent.add(peer + "/" + messageId);
        return true;
    }

    @Override
    public void publishReadUpTo(AccountId account, Address peer, String stanzaId) {
        if (connected.contains(account)) {
            readPointsPublished.add(peer + "/" + stanzaId);
        }
    }

    @Override
    public void addListener(im.natter.domain.port.MarkersPort.Listener listener) {
        markerListeners.add(listener);
    }

    @Override
    public void sendChatState(AccountId account, Address to, im.natter.domain.model.ChatState state) {
        if (connected.contains(account)) {
            chatStatesSent.add(to + ":" + state);
        }
    }

    @Override
    public void addListener(im.natter.domain.port.ChatStatePort.Listener listener) {
        chatStateListeners.add(listener);
    }
}
