package im.natter.platform.secrets;

import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import im.natter.platform.secrets.dbus.Pair;
import im.natter.platform.secrets.dbus.Secret;
import im.natter.platform.secrets.dbus.SecretCollection;
import im.natter.platform.secrets.dbus.SecretItem;
import im.natter.platform.secrets.dbus.SecretPrompt;
import im.natter.platform.secrets.dbus.SecretService;
import im.natter.platform.secrets.dbus.SecretSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.errors.Timeout;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Passwords in the freedesktop Secret Service (GNOME Keyring, KDE Wallet, KeePassXC) over the D-Bus session
 * bus. Items go to the default collection with the attributes {application: natter, account: bare address}.
 * The password is encrypted for the trip over the bus (see {@link DhAesTransport}); there is no plain mode.
 *
 * <p>Every call opens its own short connection and blocks until the keyring answers, which may include a
 * keyring unlock dialog: call it from a background thread, never the JavaFX thread.
 */
public final class SecretServiceStore implements SecretStore {

    private static final System.Logger LOG = System.getLogger(SecretServiceStore.class.getName());
    static final String APPLICATION = "natter";
    private static final String CONTENT_TYPE = "text/plain";
    private static final Duration DEFAULT_PROMPT_TIMEOUT = Duration.ofMinutes(2);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String busAddress;
    private final Duration promptTimeout;
    private final SecureRandom random = new SecureRandom();
    private volatile String description = "the Secret Service keyring";

    /** Uses the session bus of this login (DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus). */
    public SecretServiceStore() {
        this(sessionBusAddress(System.getenv()));
    }

    /** @param busAddress a D-Bus address such as {@code unix:path=/run/user/1000/bus}; null means none */
    public SecretServiceStore(String busAddress) {
        this(busAddress, DEFAULT_PROMPT_TIMEOUT);
    }

    /** @param promptTimeout how long to wait for the user to answer a keyring unlock dialog */
    public SecretServiceStore(String busAddress, Duration promptTimeout) {
        this.busAddress = busAddress == null || busAddress.isBlank() ? null : busAddress.strip();
        this.promptTimeout = Objects.requireNonNull(promptTimeout, "promptTimeout");
    }

    /** The session bus address the way libdbus finds it, or null when there is none. */
    public static String sessionBusAddress(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return address;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            Path socket = Path.of(runtime, "bus");
            if (Files.exists(socket)) {
                return "unix:path=" + socket;
            }
        }
        return null;
    }

    @Override
    public boolean isAvailable() {
        if (busAddress == null) {
            return false;
        }
        try (DBusConnection connection = connect()) {
            SecretService service = connection.getRemoteObject(SecretService.BUS_NAME, SecretService.PATH,
                    SecretService.class);
            service.ReadAlias("default"); // an answer proves the service runs (or was started for us)
            description = describe(connection);
            return true;
        } catch (SecretStoreException | IOException | DBusException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No Secret Service keyring available", e);
            return false;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void savePassword(AccountId account, char[] password) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        call("save the password", conversation -> {
            DBusPath collection = conversation.defaultCollection();
            conversation.unlock(List.of(collection));
            try (var session = conversation.openSession()) {
                byte[] plain = PasswordBytes.encode(password);
                byte[][] sealed;
                try {
                    sealed = session.transport.encrypt(plain);
                } finally {
                    PasswordBytes.wipe(plain);
                }
                Secret secret = new Secret(session.path, sealed[0], sealed[1], CONTENT_TYPE);
                Map<String, Variant<?>> properties = Map.of(
                        SecretItem.LABEL, new Variant<>("Natter password for " + account),
                        SecretItem.ATTRIBUTES, new Variant<>(attributes(account), "a{ss}"));
                SecretCollection target = conversation.object(collection, SecretCollection.class);
                Pair<DBusPath, DBusPath> created = target.CreateItem(properties, secret, true);
                if (isNone(created.first())) {
                    conversation.prompt(created.second());
                }
            }
            return null;
        });
    }

    @Override
    public Optional<char[]> loadPassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        return call("read the password", conversation -> {
            List<DBusPath> items = conversation.findUnlocked(account);
            if (items.isEmpty()) {
                return Optional.<char[]>empty();
            }
            try (var session = conversation.openSession()) {
                Secret secret = conversation.object(items.getFirst(), SecretItem.class).GetSecret(session.path);
                byte[] plain = session.transport.decrypt(secret.getIv(), secret.getValue());
                try {
                    return Optional.of(PasswordBytes.decode(plain));
                } finally {
                    PasswordBytes.wipe(plain);
                    PasswordBytes.wipe(secret.getValue());
                }
            }
        });
    }

    @Override
    public void deletePassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        call("remove the password", conversation -> {
            for (DBusPath item : conversation.findUnlocked(account)) {
                DBusPath prompt = conversation.object(item, SecretItem.class).Delete();
                conversation.prompt(prompt);
            }
            return null;
        });
    }

    private static Map<String, String> attributes(AccountId account) {
        return Map.of("application", APPLICATION, "account", account.address().value());
    }

    private DBusConnection connect() throws SecretStoreException {
        if (busAddress == null) {
            throw new SecretStoreException("The system keyring cannot be reached: there is no D-Bus session"
                    + " (DBUS_SESSION_BUS_ADDRESS is not set).", null);
        }
        Exception last = null;
        // an address may list several ways to reach the same bus, separated by ';'
        for (String address : busAddress.split(";")) {
            if (address.isBlank()) {
                continue;
            }
            if (isMissingSocket(address)) {
                last = new IOException("no socket at " + address);
                continue;
            }
            try {
                // dbus-java keeps retrying a missing socket for 10 s by default; a local socket answers at once
                return DBusConnectionBuilder.forAddress(address).withShared(false)
                        .transportConfig().withTimeout(CONNECT_TIMEOUT_MILLIS).back()
                        .build();
            } catch (DBusException | RuntimeException e) {
                last = e;
            }
        }
        throw new SecretStoreException("The system keyring cannot be reached: the D-Bus session at " + busAddress
                + " does not answer.", last);
    }

    /** Whether a unix:path= address names a socket that is not there, so there is no point in waiting. */
    private static boolean isMissingSocket(String address) {
        String prefix = "unix:path=";
        if (!address.startsWith(prefix)) {
            return false;
        }
        int comma = address.indexOf(',');
        String path = address.substring(prefix.length(), comma < 0 ? address.length() : comma);
        try {
            return !Files.exists(Path.of(path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String describe(DBusConnection connection) {
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            List<String> names = Arrays.asList(bus.ListNames());
            if (names.contains("org.gnome.keyring")) {
                return "GNOME Keyring";
            }
            if (names.stream().anyMatch(n -> n.startsWith("org.kde.kwalletd") || n.equals("org.kde.secretservice"))) {
                return "KDE Wallet";
            }
            if (names.stream().anyMatch(n -> n.startsWith("org.keepassxc"))) {
                return "KeePassXC";
            }
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not tell which keyring answers", e);
        }
        return "the Secret Service keyring";
    }

    /** A variant of D-Bus type "ay", which dbus-java may hand over as byte[], Byte[] or a list. */
    private static byte[] bytes(Variant<?> variant) throws GeneralSecurityException {
        Object value = variant.getValue();
        if (value instanceof byte[] b) {
            return b;
        }
        List<?> list = value instanceof Object[] array ? Arrays.asList(array)
                : value instanceof List<?> l ? l : null;
        if (list == null || !"ay".equals(variant.getSig())) {
            throw new GeneralSecurityException("the keyring answered the key exchange with " + variant.getSig());
        }
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (Byte) list.get(i);
        }
        return b;
    }

    private static boolean isNone(DBusPath path) {
        return path == null || SecretService.NO_OBJECT.equals(path.getPath());
    }

    private <T> T call(String action, Step<T> step) throws SecretStoreException {
        try (DBusConnection connection = connect()) {
            return step.run(new Conversation(connection));
        } catch (SecretStoreException e) {
            throw e;
        } catch (DBusExecutionException e) {
            throw new SecretStoreException(explain(action, e), e);
        } catch (IOException | DBusException | GeneralSecurityException | RuntimeException e) {
            throw new SecretStoreException("Natter could not " + action + " in " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private String explain(String action, DBusExecutionException e) {
        if (e instanceof ServiceUnknown) {
            return "No keyring service is running in this desktop session, so Natter could not " + action + ".";
        }
        if (e instanceof NoReply || e instanceof Timeout) {
            return "The keyring did not answer in time, so Natter could not " + action + ".";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        // org.freedesktop.Secret.Error.IsLocked has no class of its own in dbus-java; its text names the lock
        if (message.toLowerCase(Locale.ROOT).contains("locked")) {
            return lockedMessage(action);
        }
        return "Natter could not " + action + " in " + description + ": " + message;
    }

    private static String lockedMessage(String action) {
        return "The keyring is locked and could not be unlocked right now (no unlock dialog could be shown, or it"
                + " was closed), so Natter could not " + action + ". Natter will ask for the password instead.";
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(Conversation conversation)
                throws SecretStoreException, DBusException, GeneralSecurityException, IOException;
    }

    /** One connection's worth of talking to the service. */
    private final class Conversation {

        private final DBusConnection connection;
        private final SecretService service;

        Conversation(DBusConnection connection) throws DBusException {
            this.connection = connection;
            this.service = object(new DBusPath(SecretService.PATH), SecretService.class);
        }

        <I extends org.freedesktop.dbus.interfaces.DBusInterface> I object(DBusPath path, Class<I> type)
                throws DBusException {
            return connection.getRemoteObject(SecretService.BUS_NAME, path.getPath(), type);
        }

        OpenSession openSession() throws DBusException, GeneralSecurityException {
            DhAesTransport transport = new DhAesTransport(random);
            Pair<Variant<?>, DBusPath> opened = service.OpenSession(DhAesTransport.ALGORITHM,
                    new Variant<>(transport.publicKey(), "ay"));
            transport.agree(bytes(opened.first()));
            return new OpenSession(opened.second(), transport, object(opened.second(), SecretSession.class));
        }

        /** The default collection, created if the keyring has none yet (which may ask the user). */
        DBusPath defaultCollection() throws DBusException, SecretStoreException {
            DBusPath path = service.ReadAlias("default");
            if (!isNone(path)) {
                return path;
            }
            Pair<DBusPath, DBusPath> created = service.CreateCollection(
                    Map.of(SecretCollection.LABEL, new Variant<>("Login")), "default");
            if (!isNone(created.first())) {
                return created.first();
            }
            Variant<?> result = prompt(created.second());
            if (result != null && result.getValue() instanceof DBusPath made && !isNone(made)) {
                return made;
            }
            throw new SecretStoreException("The keyring has no default collection and could not create one"
                    + " right now.", null);
        }

        void unlock(List<DBusPath> objects) throws DBusException, SecretStoreException {
            List<DBusPath> locked = new ArrayList<>();
            for (DBusPath object : objects) {
                Properties properties = object(object, Properties.class);
                Boolean isLocked = properties.Get(SecretCollection.INTERFACE, "Locked");
                if (Boolean.TRUE.equals(isLocked)) {
                    locked.add(object);
                }
            }
            if (locked.isEmpty()) {
                return;
            }
            Pair<List<DBusPath>, DBusPath> unlocked = service.Unlock(locked);
            if (unlocked.first().size() < locked.size()) {
                prompt(unlocked.second());
            }
        }

        /** Natter's items for the account, unlocking the ones that are locked. */
        List<DBusPath> findUnlocked(AccountId account) throws DBusException, SecretStoreException {
            Pair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(attributes(account));
            List<DBusPath> items = new ArrayList<>(found.first());
            if (!found.second().isEmpty()) {
                Pair<List<DBusPath>, DBusPath> unlocked = service.Unlock(found.second());
                items.addAll(unlocked.first());
                if (unlocked.first().size() < found.second().size()) {
                    prompt(unlocked.second());
                    items.clear();
                    items.addAll(service.SearchItems(attributes(account)).first());
                }
            }
            return items;
        }

        /**
         * Shows the keyring's own dialog (e.g. its unlock password) and waits for the user. Where no dialog can
         * be shown, as on a machine without a desktop, the keyring dismisses it, which means "not now".
         */
        Variant<?> prompt(DBusPath path) throws DBusException, SecretStoreException {
            if (isNone(path)) {
                return null;
            }
            SecretPrompt prompt = object(path, SecretPrompt.class);
            CompletableFuture<SecretPrompt.Completed> done = new CompletableFuture<>();
            AutoCloseable handler = connection.addSigHandler(SecretPrompt.Completed.class, prompt, done::complete);
            try {
                prompt.Prompt("");
                SecretPrompt.Completed completed = done.get(promptTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (completed.isDismissed()) {
                    throw new SecretStoreException(lockedMessage("use it"), null);
                }
                return completed.getResult();
            } catch (TimeoutException e) {
                try {
                    prompt.Dismiss();
                } catch (RuntimeException ignored) {
                    // the prompt is going away either way
                }
                throw new SecretStoreException("The keyring asked for confirmation, but no answer came in time.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SecretStoreException("Waiting for the keyring was interrupted.", e);
            } catch (ExecutionException | DBusExecutionException e) {
                throw new SecretStoreException(lockedMessage("use it"), e);
            } finally {
                try {
                    handler.close();
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, "Could not remove the prompt listener", e);
                }
            }
        }
    }

    /** An encrypted session with the service; closing it tells the service to forget the key. */
    private record OpenSession(DBusPath path, DhAesTransport transport, SecretSession remote)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                remote.Close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not close the keyring session", e);
            }
        }
    }

    @Override
    public String toString() {
        return "SecretServiceStore[" + (busAddress == null ? "no bus" : busAddress) + "]";
    }
}
