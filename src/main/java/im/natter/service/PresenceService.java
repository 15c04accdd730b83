package im.natter.service;

import im.natter.domain.event.OwnPresenceChanged;
import im.natter.domain.event.PresenceChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.ConnectionPort;
import im.natter.domain.port.PresencePort;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Presence of contacts (the best of each contact's devices) and the user's own, which is sent again after every
 * reconnect. Going "offline" in the picker signs out; choosing anything else while offline signs in again.
 */
public final class PresenceService {

    private final PresencePort port;
    private final ConnectionService connections;
    private final EventBus bus;
    private final Executor worker;
    /** account -> contact -> resource -> status; only touched on {@code worker}. */
    private final Map<AccountId, Map<Address, Map<String, PresenceStatus>>> devices = new HashMap<>();
    private final Map<AccountId, PresenceStatus> own = new ConcurrentHashMap<>();

    public PresenceService(PresencePort port, ConnectionPort connectionPort, ConnectionService connections,
            EventBus bus, Executor worker) {
        this.port = port;
        this.connections = connections;
        this.bus = bus;
        this.worker = worker;
        port.addListener((account, from, resource, status) -> worker.execute(() -> update(account, from, resource,
                status)));
        connectionPort.addListener(new ConnectionPort.Listener() {
            @Override
            public void connected(AccountId account, boolean resumed) {
                worker.execute(() -> {
                    PresenceStatus mine = ownPresence(account);
                    // a fresh login announced plain "available"; a resumed session kept what the user had chosen
                    if (!resumed && (mine.availability() != Availability.AVAILABLE || !mine.message().isEmpty())) {
                        sendOwn(account, mine);
                    }
                    bus.publish(new OwnPresenceChanged(account, mine));
                });
            }

            @Override
            public void connectionLost(AccountId account, ConnectionProblem problem) {
                worker.execute(() -> forgetAll(account));
            }
        });
    }

    public PresenceStatus ownPresence(AccountId account) {
        return own.getOrDefault(account, new PresenceStatus(Availability.AVAILABLE, ""));
    }

    /** Sets the user's presence; OFFLINE signs out, anything else signs in again if needed. */
    public void setOwnPresence(AccountId account, PresenceStatus status) {
        worker.execute(() -> {
            if (status.availability() == Availability.OFFLINE) {
                connections.signOut(account);
                forgetAll(account);
                bus.publish(new OwnPresenceChanged(account, PresenceStatus.OFFLINE));
                return;
            }
            own.put(account, status);
            if (connections.status(account).isOnline()) {
                sendOwn(account, status);
            } else {
                connections.reconnectNow(account);
            }
            bus.publish(new OwnPresenceChanged(account, status));
        });
    }

    private void sendOwn(AccountId account, PresenceStatus status) {
        try {
            port.setOwnPresence(account, status);
        } catch (ChatPort.NotConnectedException e) {
            // sent on the next connect
        }
    }

    private void update(AccountId account, Address from, String resource, PresenceStatus status) {
        var byContact = devices.computeIfAbsent(account, a -> new HashMap<>());
        var byResource = byContact.computeIfAbsent(from, a -> new HashMap<>());
        String key = resource == null ? "" : resource;
        if (status.availability() == Availability.OFFLINE) {
            if (key.isEmpty()) {
                byResource.clear();
            } else {
                byResource.remove(key);
            }
        } else {
            byResource.put(key, status);
        }
        bus.publish(new PresenceChanged(account, from, best(byResource)));
    }

    private void forgetAll(AccountId account) {
        var byContact = devices.remove(account);
        if (byContact != null) {
            byContact.keySet().forEach(c -> bus.publish(new PresenceChanged(account, c, PresenceStatus.OFFLINE)));
        }
    }

    static PresenceStatus best(Map<String, PresenceStatus> byResource) {
        return byResource.values().stream()
                .min(Comparator.comparingInt(s -> s.availability().rank()))
                .orElse(PresenceStatus.OFFLINE);
    }
}
