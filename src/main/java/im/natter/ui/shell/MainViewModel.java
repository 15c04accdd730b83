package im.natter.ui.shell;

import im.natter.domain.event.NoticeRaised;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.PresenceStatus;
import im.natter.service.EventBus;
import im.natter.ui.UiServices;
import im.natter.ui.connection.ConnectionViewModel;
import im.natter.ui.presence.PresenceViewModel;
import im.natter.ui.roster.AddContactViewModel;
import im.natter.ui.room.InvitationsViewModel;
import im.natter.ui.room.JoinRoomViewModel;
import im.natter.ui.roster.ContactListItem;
import im.natter.ui.roster.RosterViewModel;
import im.natter.ui.signin.SignInViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The main window of one account: which conversation is open, starting a chat with any address, the header's
 * parts (own presence, connection) and the contacts. Works offline from the archive; when the password is not
 * known it offers the sign-in sheet instead of failing.
 */
public final class MainViewModel {

    private final UiServices services;
    private final AccountId account;
    private final PresenceViewModel presence;
    private final ConnectionViewModel connection;
    private final RosterViewModel roster;
    private final InvitationsViewModel invitations;
    private final SimpleObjectProperty<ConversationKey> openKey = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<SignInViewModel> signInSheet = new SimpleObjectProperty<>();
    private final StringProperty startChatText = new SimpleStringProperty("");
    private final SimpleStringProperty startChatError = new SimpleStringProperty();
    private final SimpleStringProperty notice = new SimpleStringProperty();
    private final IntegerBinding requestCount;
    private AccountSettings settings;
    private boolean haveCredentials;
    private EventBus.Subscription noticeSubscription;

    /**
     * @param haveCredentials whether a password was given this run (remembered or typed), so reconnecting works
     *                        without asking
     */
    public MainViewModel(UiServices services, AccountSettings settings, boolean haveCredentials) {
        this.services = services;
        this.settings = settings;
        this.account = settings.id();
        this.haveCredentials = haveCredentials;
        this.presence = new PresenceViewModel(services, account, () -> this.haveCredentials,
                () -> askForPassword(null));
        this.connection = new ConnectionViewModel(services, account, () -> this.haveCredentials,
                () -> askForPassword(null));
        this.roster = new RosterViewModel(services, account, this::open);
        this.invitations = new InvitationsViewModel(services, account, this::open);
        this.requestCount = Bindings.size(roster.requests());
        startChatText.addListener((o, a, b) -> startChatError.set(null));
    }

    public void activate() {
        presence.activate();
        connection.activate();
        roster.activate();
        invitations.activate();
        noticeSubscription = services.events().on(NoticeRaised.class, e -> notice.set(e.text()));
        // the last roster and the requests that came while Natter was closed, before any network
        services.roster().loadFromArchive(account);
    }

    public void dispose() {
        presence.dispose();
        connection.dispose();
        roster.dispose();
        invitations.dispose();
        if (noticeSubscription != null) {
            noticeSubscription.close();
        }
    }

    public AccountId account() {
        return account;
    }

    public String ownAddress() {
        return account.address().value();
    }

    public String ownName() {
        return account.address().localpart().orElse(ownAddress());
    }

    public PresenceViewModel presence() {
        return presence;
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public RosterViewModel roster() {
        return roster;
    }

    /** The conversation shown on the right, or null for the empty state. */
    public ReadOnlyObjectProperty<ConversationKey> openKeyProperty() {
        return openKey;
    }

    public void open(ConversationKey key) {
        openKey.set(key);
    }

    /** How many subscription requests wait for an answer (the badge on the Contacts tab). */
    public IntegerBinding requestCountProperty() {
        return requestCount;
    }

    /** The sign-in sheet to show over the window, or null. */
    public ReadOnlyObjectProperty<SignInViewModel> signInSheetProperty() {
        return signInSheet;
    }

    /** The newest notice from the services (e.g. a full disk), or null. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    public void dismissNotice() {
        notice.set(null);
    }

    /** Asks for the password over the window; cancelling stays offline with the archive readable. */
    public void askForPassword(String why) {
        if (signInSheet.get() != null) {
            return;
        }
        String note = why != null ? why
                : "Natter does not have your password. Enter it to go online, or stay offline and read your history.";
        signInSheet.set(new SignInViewModel(services, settings, note, signedIn -> {
            settings = signedIn;
            haveCredentials = true;
            signInSheet.set(null);
        }, () -> signInSheet.set(null)));
    }

    public StringProperty startChatTextProperty() {
        return startChatText;
    }

    public ReadOnlyStringProperty startChatErrorProperty() {
        return startChatError;
    }

    /** Opens a chat with the typed address (anyone, not only contacts). */
    public void startChat() {
        String problem = Address.checkUser(startChatText.get());
        if (problem == null && Address.parseUser(startChatText.get()).orElseThrow().equals(account.address())) {
            problem = "That is your own address.";
        }
        startChatError.set(problem);
        if (problem != null) {
            return;
        }
        ConversationKey key = ConversationKey.chat(account, Address.parseUser(startChatText.get()).orElseThrow());
        services.conversations().open(key).whenCompleteAsync((c, e) -> {
            if (e == null) {
                startChatText.set("");
                open(key);
            } else {
                startChatError.set("The chat could not be opened. " + (e.getCause() != null
                        ? e.getCause().getMessage() : e.getMessage()));
            }
        }, services.fx());
    }

    /** Invitations into rooms, shown one at a time across the window. */
    public InvitationsViewModel invitations() {
        return invitations;
    }

    /** Whether rooms can be joined here at all (the app has a room service). */
    public boolean hasRooms() {
        return services.rooms() != null;
    }

    public JoinRoomViewModel newJoinRoom() {
        return new JoinRoomViewModel(services, account, this::open);
    }

    public AddContactViewModel newAddContact() {
        return new AddContactViewModel(services, account);
    }

    /** The name to show for a peer: the roster name, else the user part of the address. */
    public String displayNameOf(Address peer) {
        return roster.item(peer).map(ContactListItem::name).orElse(peer.localpart().orElse(peer.value()));
    }

    public PresenceStatus presenceOf(Address peer) {
        return roster.presenceOf(peer);
    }

    /** Remembers where the window was; called when it closes. */
    public void saveWindow(im.natter.domain.model.WindowBounds bounds) {
        services.accounts().saveWindow(bounds);
    }
}
