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
public final class FakeXmpp implements ConnectionPort, ChatPort, RosterPort, PresencePort {

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

    // ---- ConnectionPort ------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> connect(AccountSettings settings, char[] password) {
        lastSettings = settings;
        return doConnect(settings.id(), false);
    }

    @Override
    public CompletableFuture<Void> reconnect(AccountId account) {
        return doConnect(account, false);
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

    /** All four listener lists, for tests that check nothing leaks. */
    public int listenerCount() {
        return new ArrayList<>(connectionListeners).size() + chatListeners.size() + rosterListeners.size()
                + presenceListeners.size();
    }
}
