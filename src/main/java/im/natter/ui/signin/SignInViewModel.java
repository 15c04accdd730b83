package im.natter.ui.signin;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.ServerEndpoint;
import im.natter.ui.UiServices;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Signing in: what the user types, its checks (shown next to each field), the busy state, the failure in words,
 * and the certificate question. Used for the first start and, prefilled, as the sheet that asks for a password
 * the computer could not remember.
 */
public final class SignInViewModel {

    private static final System.Logger LOG = System.getLogger(SignInViewModel.class.getName());
    private static final RandomGenerator RANDOM = new SecureRandom();

    private final UiServices services;
    private final AccountSettings known;
    private final Consumer<AccountSettings> onSignedIn;
    private final Runnable onCancel;

    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty remember = new SimpleBooleanProperty();
    private final BooleanProperty advancedShown = new SimpleBooleanProperty();
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");

    private final SimpleStringProperty addressError = new SimpleStringProperty();
    private final SimpleStringProperty passwordError = new SimpleStringProperty();
    private final SimpleStringProperty portError = new SimpleStringProperty();
    private final SimpleStringProperty errorTitle = new SimpleStringProperty();
    private final SimpleStringProperty errorDetail = new SimpleStringProperty();
    private final SimpleStringProperty note = new SimpleStringProperty();
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final SimpleObjectProperty<CertificateViewModel> certificate = new SimpleObjectProperty<>();

    /**
     * @param known      the saved account to prefill (the sheet over the main window), or null on first start
     * @param note       why the password is asked for (e.g. no credential store), or null
     * @param onSignedIn called on the FX thread with the settings that worked
     * @param onCancel   null when signing in cannot be skipped (first start)
     */
    public SignInViewModel(UiServices services, AccountSettings known, String note,
            Consumer<AccountSettings> onSignedIn, Runnable onCancel) {
        this.services = services;
        this.known = known;
        this.onSignedIn = onSignedIn;
        this.onCancel = onCancel;
        this.note.set(note);
        boolean canRemember = services.accounts().canRememberPasswords();
        if (known != null) {
            address.set(known.id().address().value());
            remember.set(canRemember && known.rememberPassword());
            if (known.endpoint() != null && known.endpoint().host() != null) {
                host.set(known.endpoint().host());
                port.set(Integer.toString(known.endpoint().port()));
                advancedShown.set(true);
            }
        } else {
            remember.set(canRemember);
        }
        // a fixed message becomes stale once the user edits the field it is about
        address.addListener((o, a, b) -> addressError.set(null));
        password.addListener((o, a, b) -> passwordError.set(null));
        port.addListener((o, a, b) -> portError.set(null));
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty rememberProperty() {
        return remember;
    }

    public BooleanProperty advancedShownProperty() {
        return advancedShown;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError;
    }

    public ReadOnlyStringProperty passwordErrorProperty() {
        return passwordError;
    }

    public ReadOnlyStringProperty portErrorProperty() {
        return portError;
    }

    /** The headline of the last failure, or null. */
    public ReadOnlyStringProperty errorTitleProperty() {
        return errorTitle;
    }

    public ReadOnlyStringProperty errorDetailProperty() {
        return errorDetail;
    }

    /** A standing note above the form (e.g. why the password must be typed again), or null. */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** The certificate question to show now, or null. */
    public ReadOnlyObjectProperty<CertificateViewModel> certificateProperty() {
        return certificate;
    }

    public boolean canRememberPasswords() {
        return services.accounts().canRememberPasswords();
    }

    /** Why "Remember password" is off, or null when it is available. */
    public String rememberUnavailableReason() {
        return canRememberPasswords() ? null : services.accounts().secretStoreMissingNote();
    }

    public boolean isAddressEditable() {
        return known == null;
    }

    public boolean isCancellable() {
        return onCancel != null;
    }

    public String title() {
        return known == null ? "Sign in to Natter" : "Enter your password";
    }

    public String cancelLabel() {
        return "Stay offline";
    }

    /** Checks the form and puts a message next to each field that is wrong. True when all is fine. */
    public boolean validate() {
        addressError.set(Address.checkUser(address.get()));
        passwordError.set(password.get() == null || password.get().isEmpty() ? "Enter your password." : null);
        portError.set(hasHost() ? ServerEndpoint.checkPort(port.get()) : null);
        return addressError.get() == null && passwordError.get() == null && portError.get() == null;
    }

    public void signIn() {
        if (busy.get() || !validate()) {
            return;
        }
        signIn(settingsFromForm());
    }

    public void cancel() {
        if (onCancel != null && !busy.get()) {
            password.set("");
            onCancel.run();
        }
    }

    private void signIn(AccountSettings settings) {
        busy.set(true);
        errorTitle.set(null);
        errorDetail.set(null);
        char[] secret = password.get().toCharArray();
        services.accounts().signIn(settings, secret).whenCompleteAsync((ok, error) -> {
            java.util.Arrays.fill(secret, '\0');
            if (error == null) {
                busy.set(false);
                password.set("");
                onSignedIn.accept(settings);
            } else {
                failed(settings, error);
            }
        }, services.fx());
    }

    private void failed(AccountSettings settings, Throwable error) {
        busy.set(false);
        Throwable cause = unwrap(error);
        if (!(cause instanceof ConnectionFailedException cfe)) {
            LOG.log(Level.WARNING, "sign-in failed unexpectedly", cause);
            errorTitle.set("Natter could not sign in.");
            errorDetail.set("Something unexpected went wrong. Please try again.");
            return;
        }
        ConnectionProblem problem = cfe.problem();
        errorTitle.set(headline(problem.kind()));
        String hint = hint(problem.kind());
        errorDetail.set(hint == null ? problem.message() : problem.message() + " " + hint);
        if (problem.kind() == ConnectionProblem.Kind.UNTRUSTED_CERTIFICATE && problem.certificate() != null) {
            String server = settings.endpoint() != null && settings.endpoint().host() != null
                    ? settings.endpoint().host() : settings.id().address().domain();
            certificate.set(new CertificateViewModel(problem.certificate(), server,
                    () -> trust(settings, problem.certificate().sha256Fingerprint()), () -> certificate.set(null)));
        }
    }

    private void trust(AccountSettings settings, String fingerprint) {
        certificate.set(null);
        busy.set(true);
        services.accounts().trustCertificate(settings, fingerprint).whenCompleteAsync((trusted, error) -> {
            if (error == null) {
                signIn(trusted);
            } else {
                busy.set(false);
                errorTitle.set("Natter could not save your decision.");
                errorDetail.set(unwrap(error).getMessage());
            }
        }, services.fx());
    }

    /** The sign-in failure's headline for each kind of problem, in plain words. */
    public static String headline(ConnectionProblem.Kind kind) {
        return switch (kind) {
            case WRONG_CREDENTIALS -> "The address or password is not right.";
            case UNKNOWN_DOMAIN -> "Natter could not find this server.";
            case CONNECTION_REFUSED -> "The server did not accept the connection.";
            case TIMED_OUT -> "The server did not answer in time.";
            case NOT_XMPP -> "This does not look like a chat server.";
            case TLS_FAILURE -> "A secure connection could not be set up.";
            case UNTRUSTED_CERTIFICATE -> "The server's certificate is not trusted.";
            case CONNECTION_DROPPED -> "The connection broke off while signing in.";
            case NO_SECURE_AUTHENTICATION -> "The server offers no safe way to sign in.";
            case OTHER -> "Natter could not sign in.";
        };
    }

    private static String hint(ConnectionProblem.Kind kind) {
        return switch (kind) {
            case UNKNOWN_DOMAIN -> "Check the address, or enter the server's host name under Advanced.";
            case CONNECTION_REFUSED, TIMED_OUT, CONNECTION_DROPPED -> "Check your network and try again.";
            case NOT_XMPP -> "Check the host and port under Advanced.";
            default -> null;
        };
    }

    private AccountSettings settingsFromForm() {
        Address addr = Address.parseUser(address.get()).orElseThrow();
        AccountId id = new AccountId(addr);
        var saved = services.accounts().settings().account(id);
        String resource = saved.map(AccountSettings::resource).filter(r -> r != null && !r.isBlank())
                .orElseGet(SignInViewModel::newResource);
        List<String> trusted = saved.map(AccountSettings::trustedFingerprints).orElse(List.of());
        ServerEndpoint endpoint = null;
        if (hasHost()) {
            String p = port.get() == null ? "" : port.get().strip();
            endpoint = new ServerEndpoint(host.get().strip(),
                    p.isEmpty() ? ServerEndpoint.DEFAULT_PORT : Integer.parseInt(p));
        }
        return new AccountSettings(id, resource, endpoint, remember.get() && canRememberPasswords(), trusted);
    }

    private boolean hasHost() {
        return host.get() != null && !host.get().isBlank();
    }

    /** "natter-" and a short random part, so two computers of the same user do not push each other off. */
    static String newResource() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder("natter-");
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
