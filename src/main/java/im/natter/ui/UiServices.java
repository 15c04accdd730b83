package im.natter.ui;

import im.natter.service.AccountService;
import im.natter.service.BookmarkService;
import im.natter.service.ChatService;
import im.natter.service.ChatStateService;
import im.natter.service.ConnectionService;
import im.natter.service.ConversationService;
import im.natter.service.HistorySyncService;
import im.natter.service.PresenceService;
import im.natter.service.ReadStateService;
import im.natter.service.RoomService;
import im.natter.service.RosterService;
import im.natter.ui.fx.FxEventBridge;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the composition root hands the UI. Only view models take services out of it; views get view models.
 *
 * @param history      the server archive: catch-up progress arrives as events; older pages on demand
 * @param fx           runs on the JavaFX thread ({@code Platform::runLater} in the app, direct in tests)
 * @param background   for the rare blocking call a view model must make (e.g. restore at start)
 * @param openLink     opens an address the user clicked (the app's HostServices), after the user saw it
 * @param readState    displayed markers and read-state sync; null where a caller has none (then nothing is sent)
 * @param chatStates   typing notifications; null where a caller has none
 * @param rooms        group rooms; null where a caller has none (then no room can be joined)
 * @param bookmarks    the user's room bookmarks; null where a caller has none
 */
public record UiServices(
        AccountService accounts,
        ConnectionService connections,
        ChatService chats,
        ConversationService conversations,
        RosterService roster,
        PresenceService presence,
        HistorySyncService history,
        FxEventBridge events,
        Executor fx,
        Executor background,
        Clock clock,
        java.util.function.Consumer<String> openLink,
        ReadStateService readState,
        ChatStateService chatStates,
        RoomService rooms,
        BookmarkService bookmarks) {

    /** Without rooms and bookmarks. */
    public UiServices(AccountService accounts, ConnectionService connections, ChatService chats,
            ConversationService conversations, RosterService roster, PresenceService presence,
            HistorySyncService history, FxEventBridge events, Executor fx, Executor background, Clock clock,
            java.util.function.Consumer<String> openLink, ReadStateService readState, ChatStateService chatStates) {
        this(accounts, connections, chats, conversations, roster, presence, history, events, fx, background, clock,
                openLink, readState, chatStates, null, null);
    }

    /** Without the server archive, read state and chat states (previews and tests that need none of them). */
    public UiServices(AccountService accounts, ConnectionService connections, ChatService chats,
            ConversationService conversations, RosterService roster, PresenceService presence, FxEventBridge events,
            Executor fx, Executor background, Clock clock, java.util.function.Consumer<String> openLink) {
        this(accounts, connections, chats, conversations, roster, presence, null, events, fx, background, clock,
                openLink, null, null, null, null);
    }
}
