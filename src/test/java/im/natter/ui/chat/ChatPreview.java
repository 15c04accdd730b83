package im.natter.ui.chat;

import atlantafx.base.theme.PrimerLight;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.Availability;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.conversations.ConversationListView;
import im.natter.ui.conversations.ConversationListViewModel;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/**
 * A look at the chat and the conversation list over the fakes, for screenshots under Xvfb. Not a test.
 * Argument "big" fills the chat with 10,000 messages to feel the scrolling; "rtl" adds long Hebrew and Arabic
 * messages and leaves Hebrew in the composer.
 */
public final class ChatPreview {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            var f = new ChatFixtures(Platform::runLater);
            boolean big = getParameters().getRaw().contains("big");
            if (getParameters().getRaw().contains("changes")) {
                seedChanges(f);
            } else {
                seed(f, big);
            }

            var bob = ChatFixtures.WITH_BOB;
            var chat = new ChatViewModel(f.ui, bob);
            chat.setPeerName("Bob Builder");
            chat.setPeerPresence(new PresenceStatus(Availability.AWAY, "Fixing the roof"));
            var list = new ConversationListViewModel(f.ui, FakeServices.ALICE, key -> { });
            list.setDisplayName(ChatFixtures.BOB, "Bob Builder");
            list.setDisplayName(Address.of("carol@example.org"), "Carol Danvers");
            list.activate();
            list.selectedProperty().set(bob);
            chat.activate();

            var listView = new ConversationListView(list);
            listView.setPrefWidth(300);
            listView.setMinWidth(300);
            var chatView = new ChatView(chat);
            HBox.setHgrow(chatView, Priority.ALWAYS);
            var root = new HBox(listView, chatView);
            stage.setScene(new Scene(root, 1100, 720));
            stage.setTitle("Natter preview");
            stage.show();
            if (getParameters().getRaw().contains("select")) {
                var pause = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
                pause.setOnFinished(e -> chatView.lookupAll(".message-text").stream()
                        .map(SelectableText.class::cast)
                        .filter(t -> t.text().startsWith("Long message") || t.text().startsWith("\u05e9"))
                        .forEach(t -> t.select(14, 60)));
                pause.play();
            }
            if (getParameters().getRaw().contains("rtl")) {
                f.receive(ChatFixtures.BOB, ChatViewFxIT.HEBREW, null);
                chat.composerTextProperty().set(ChatViewFxIT.ARABIC);
                chat.send();
                f.receive(ChatFixtures.BOB, ChatViewFxIT.MIXED, null);
                chat.composerTextProperty().set("כן, אני אביא את המחשב. " + ChatViewFxIT.HEBREW
                        + "\nושורה שנייה: תודה רבה!");
            }
            if (getParameters().getRaw().contains("seen")) {
                // Bob's client says it displayed our newest message, and Bob starts typing
                var pause = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
                pause.setOnFinished(e -> {
                    chat.items().stream().filter(MessageListItem::isOutgoing).reduce((a, b) -> b).ifPresent(i ->
                            f.fakes.xmpp.receiveDisplayed(FakeServices.ALICE, ChatFixtures.BOB,
                                    i.message().originId()));
                    f.fakes.xmpp.receiveChatState(FakeServices.ALICE, ChatFixtures.BOB,
                            im.natter.domain.model.ChatState.COMPOSING);
                });
                pause.play();
            }
            if (getParameters().getRaw().contains("type")) {
                f.fakes.xmpp.setMaxBodyBytes(40);
                chat.composerTextProperty().set("A draft that is far too long ".repeat(2));
            }
        }

        /** A chat with a corrected message, a deleted one and replies (argument "changes"). */
        private static void seedChanges(ChatFixtures f) {
            var clock = f.fakes.clock;
            clock.set(Instant.parse("2026-11-20T14:00:00Z"));
            f.connect();
            bobSays(f, "b1", "Are we still on for Saturday? I can bring the tent and the stove", null, null, null);
            clock.advance(Duration.ofMinutes(1));
            bobSays(f, "b2", "Meet at the staton at 9", null, null, null);
            clock.advance(Duration.ofMinutes(3));
            bobSays(f, "b2c", "Meet at the station at 9:30", "b2", null, null);
            clock.advance(Duration.ofMinutes(1));
            var mine = f.fakes.chats.send(ChatFixtures.WITH_BOB, "Perfect, see you there!").join();
            clock.advance(Duration.ofMinutes(1));
            bobSays(f, "b3", "ugh, that was meant for my boss", null, null, null);
            clock.advance(Duration.ofMinutes(1));
            bobSays(f, "b3r", "This person attempted to retract a previous message", null, "b3", null);
            clock.advance(Duration.ofMinutes(2));
            bobSays(f, "b4", "Yes, I'll bring both. Don't forget the map!", null, null, "b1");
            clock.advance(Duration.ofMinutes(1));
            bobSays(f, "b5", "And this answers something from long ago", null, null, "gone-1");
            clock.advance(Duration.ofMinutes(1));
            bobSays(f, "b6", "Me too!", null, null, mine.originId());
        }

        private static void bobSays(ChatFixtures f, String id, String body, String replaces, String retracts,
                String replyTo) {
            f.fakes.xmpp.receive(new im.natter.domain.model.InboundMessage(FakeServices.ALICE, ChatFixtures.BOB,
                    "phone", im.natter.domain.model.ConversationKind.CHAT, body, ContentKind.TEXT, id, id, null, null,
                    f.fakes.clock.instant(), false, im.natter.domain.model.Direction.INCOMING, ChatFixtures.BOB,
                    im.natter.domain.model.MessageSource.LIVE, null, replaces, retracts, replyTo));
        }

        private static void seed(ChatFixtures f, boolean big) {
            var clock = f.fakes.clock;
            Instant now = Instant.parse("2026-11-20T15:30:00Z");
            Address bob = ChatFixtures.BOB;
            Address carol = Address.of("carol@example.org");
            Address dave = Address.of("dave@example.org");
            Address emma = Address.of("emma.oneil@jabber.example");
            ConversationKey withBob = ChatFixtures.WITH_BOB;

            clock.set(now.minus(Duration.ofDays(9)));
            f.receive(emma, "Thanks for the invite!", null);
            clock.set(now.minus(Duration.ofDays(3)));
            f.receive(dave, "\u202Egnp.exe is the file", null);
            f.connect();
            f.fakes.chats.send(ConversationKey.chat(FakeServices.ALICE, dave), "got it").join();

            if (big) {
                clock.set(now.minus(Duration.ofDays(40)));
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofMinutes(5));
                    if (i % 3 == 0) {
                        f.fakes.chats.send(withBob, "Message number " + i + (i % 7 == 0
                                ? " with a longer text that needs to wrap onto a second line in the bubble because "
                                        + "it goes on and on" : "")).join();
                    } else {
                        f.receive(bob, "Reply " + i + (i % 5 == 0 ? "\nwith a second line" : ""), null);
                    }
                }
            }

            clock.set(now.minus(Duration.ofDays(1)).minus(Duration.ofHours(3)));
            f.receive(bob, "Hi Alice! Are we still on for tomorrow?", null);
            clock.advance(Duration.ofMinutes(2));
            f.fakes.chats.send(withBob, "Yes! 10:00 at the station.").join();
            clock.advance(Duration.ofMinutes(1));
            f.fakes.xmpp.receiveReceipt(FakeServices.ALICE, bob, f.fakes.archive.all().getLast().originId());
            f.receive(bob, "Great. Here is the plan: https://example.org/trips/2026/november?day=21#map "
                    + "(and the old one, javascript:alert(1), ignore it).", null);

            clock.set(now.minus(Duration.ofMinutes(40)));
            f.receive(bob, "Long message: " + "The quick brown fox jumps over the lazy dog. ".repeat(12), null);
            f.receive(bob, "Multi-line:\n  1. bread\n  2. cheese\n  3. a very good map", null);
            f.receive(bob, "שלום! מה שלומך היום?", null);
            f.receive(bob, "mixed \u202Eevil override\u202C and \u0007 bell", null);
            f.receive(bob, "I sent you an OMEMO encrypted message but your client doesn't seem to support that.",
                    ContentKind.OMEMO_ENCRYPTED, null);
            clock.advance(Duration.ofMinutes(5));
            f.fakes.xmpp.setAutoAck(false);
            f.fakes.chats.send(withBob, "This one is on the server, not delivered yet").join();
            f.fakes.xmpp.acknowledge(FakeServices.ALICE, f.fakes.archive.all().getLast().originId());
            f.fakes.chats.send(withBob, "This one bounced").join();
            f.fakes.xmpp.bounce(FakeServices.ALICE, f.fakes.archive.all().getLast().originId(),
                    "Bob's server is not reachable (remote-server-not-found).");
            f.fakes.xmpp.disconnect(FakeServices.ALICE);
            f.fakes.chats.send(withBob, "Written offline, waiting to be sent").join();

            clock.set(now.minus(Duration.ofMinutes(20)));
            f.receive(carol, "Did you see the photos? They turned out really well, especially the ones from the "
                    + "lake.", null);
            f.receive(carol, "Call me when you can", null);
            clock.set(now);
        }
    }
}
