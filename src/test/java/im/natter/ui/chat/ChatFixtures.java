package im.natter.ui.chat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.InboundMessage;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.UiServices;
import im.natter.ui.fx.FxEventBridge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Real services over the shared fakes, as the UI sees them; every executor runs in place. */
public final class ChatFixtures {

    public static final Address BOB = Address.of("bob@example.org");
    public static final ConversationKey WITH_BOB = ConversationKey.chat(FakeServices.ALICE, BOB);

    public final FakeServices fakes = new FakeServices();
    public final List<String> opened = new ArrayList<>();
    public final UiServices ui;

    public ChatFixtures() {
        this(Runnable::run);
    }

    public ChatFixtures(Executor fx) {
        ui = new UiServices(fakes.accounts, fakes.connections, fakes.chats, fakes.conversations, fakes.roster,
                fakes.presence, fakes.history, new FxEventBridge(fakes.bus, fx), fx, Runnable::run, fakes.clock,
                opened::add, fakes.readState, fakes.chatStates, fakes.rooms, fakes.bookmarks);
    }

    /** A message from {@code from} arriving now (or with the given server time). */
    public void receive(Address from, String body, Instant serverTime) {
        receive(from, body, ContentKind.TEXT, serverTime);
    }

    public void receive(Address from, String body, ContentKind kind, Instant serverTime) {
        fakes.xmpp.receive(new InboundMessage(FakeServices.ALICE, from, "phone", ConversationKind.CHAT, body, kind,
                "m-" + System.nanoTime(), null, null, null, serverTime, false));
    }

    public void connect() {
        fakes.xmpp.reconnect(FakeServices.ALICE);
    }
}
