package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.HistorySyncProgress;
import im.natter.domain.event.MessageAdded;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistorySyncServiceTest {

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address CAROL = Address.of("carol@example.org");

    private final FakeServices s = new FakeServices();
    // the held catch-up of one test runs on the JDK's timer thread
    private final List<HistorySyncProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger added = new AtomicInteger();
    private int archiveSeq;

    @BeforeEach
    void listen() {
        s.bus.subscribe(e -> {
            if (e instanceof HistorySyncProgress p) {
                progress.add(p);
            } else if (e instanceof MessageAdded) {
                added.incrementAndGet();
            }
        });
    }

    private void dropConnection() {
        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "The connection was lost."));
    }

    private void signIn() {
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    /** A message in the server's archive, from {@code peer} or (outgoing) to it. */
    private InboundMessage archived(Address peer, Direction direction, String body, String originId) {
        String id = "A" + (++archiveSeq);
        Address from = direction == Direction.INCOMING ? peer : FakeServices.ALICE.address();
        return new InboundMessage(FakeServices.ALICE, from, "res", ConversationKind.CHAT, body, ContentKind.TEXT,
                originId, originId, null, null, Instant.parse("2026-11-20T09:00:00Z").plusSeconds(archiveSeq), false,
                direction, peer, MessageSource.ARCHIVE, id, null, null, null);
    }

    private List<String> bodies() {
        return s.archive.all().stream().map(ChatMessage::body).toList();
    }

    @Test
    void aStartingUiHoldsTheCatchUpUntilItHasSettledAndLaterSignInsAreNotHeld() {
        for (int i = 1; i <= 5; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        s.history.holdWhileUiStarts(Duration.ofMinutes(10));
        signIn();
        assertThat(bodies()).isEmpty();
        assertThat(progress).isEmpty();

        s.history.uiSettled();

        assertThat(bodies()).hasSize(5);
        assertThat(progress.getLast().done()).isTrue();
        s.xmpp.archive(archived(CAROL, Direction.INCOMING, "later", "o6"));
        dropConnection();
        signIn();
        assertThat(bodies()).hasSize(6);
    }

    @Test
    void aHeldCatchUpStartsAfterTheLongestHoldWhenTheUiNeverSettles() {
        s.xmpp.archive(archived(BOB, Direction.INCOMING, "m1", "o1"));
        s.history.holdWhileUiStarts(Duration.ofMillis(20));
        signIn();
        Eventually.until("the held catch-up ran", () -> !progress.isEmpty() && progress.getLast().done());
        assertThat(bodies()).containsExactly("m1");
    }

    @Test
    void theFirstSignInFetchesTheRecentWindowAndLaterOnesContinueFromTheLastId() {
        for (int i = 1; i <= 120; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        signIn();
        assertThat(bodies()).hasSize(120);
        assertThat(progress.getLast().done()).isTrue();
        assertThat(progress.getLast().stored()).isEqualTo(120);
        assertThat(s.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("A120"));

        s.xmpp.archive(archived(BOB, Direction.INCOMING, "m121", "o121"));
        dropConnection();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(bodies()).hasSize(121).contains("m121");
        assertThat(s.xmpp.historyQueries().getLast().afterArchiveId()).isEqualTo("A120");
    }

    @Test
    void aResumedSessionFetchesNothing() {
        signIn();
        int queries = s.xmpp.historyQueries().size();
        dropConnection();
        s.xmpp.resumeNext();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.xmpp.historyQueries()).hasSize(queries);
    }

    @Test
    void aLiveMessageAndItsArchiveCopyCountOnce() {
        signIn();
        // the live copy carries the stanza-id our server gave it; the archive knows it under that id
        s.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "res", ConversationKind.CHAT, "hello",
                ContentKind.TEXT, "x1", "x1", "A1", FakeServices.ALICE.address().value(), null, false));
        s.xmpp.archive(archived(BOB, Direction.INCOMING, "hello", "x1"));
        dropConnection();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(bodies()).containsExactly("hello");
    }

    @Test
    void ourOwnMessageSeenAgainInTheArchiveIsNotDoubledAndGetsItsStanzaId() {
        s.clock.set(Instant.parse("2026-11-20T08:00:00Z")); // signed in before the archive's messages were written
        signIn();
        ChatMessage sent = s.chats.send(im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, BOB), "hi")
                .join();
        s.xmpp.archive(archived(BOB, Direction.OUTGOING, "hi", sent.originId()));
        dropConnection();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.stanzaId()).isEqualTo("A1");
        });
    }

    @Test
    void messagesTheUserSentFromAnotherDeviceAreStoredAsOwn() {
        s.xmpp.archive(archived(BOB, Direction.OUTGOING, "from my phone", "p1"));
        signIn();

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.sender()).isEqualTo(FakeServices.ALICE.address());
            assertThat(m.conversation().peer()).isEqualTo(BOB);
            assertThat(m.state()).isEqualTo(DeliveryState.ON_SERVER);
        });
    }

    @Test
    void theFirstWindowKeepsAtMostTheLimitPerConversation() {
        FakeServices small = new FakeServices(new HistorySyncService.Settings(Duration.ofDays(30), 3, 2));
        for (int i = 1; i <= 10; i++) {
            small.xmpp.archive(archivedIn(small, BOB, "b" + i));
            small.xmpp.archive(archivedIn(small, CAROL, "c" + i));
        }
        small.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();

        assertThat(small.archive.all()).extracting(ChatMessage::body)
                .containsExactlyInAnyOrder("b8", "b9", "b10", "c8", "c9", "c10");
    }

    private InboundMessage archivedIn(FakeServices f, Address peer, String body) {
        String id = "A" + (++archiveSeq);
        return new InboundMessage(FakeServices.ALICE, peer, "res", ConversationKind.CHAT, body, ContentKind.TEXT,
                body, body, null, null, f.clock.instant().minusSeconds(1000 - archiveSeq), false, Direction.INCOMING,
                peer, MessageSource.ARCHIVE, id, null, null, null);
    }

    /** Bob's m1-m60 caught up at sign-in, then m61-m200 archived while Natter was connected. */
    private void signedInThen140MoreArchived() {
        for (int i = 1; i <= 60; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        signIn();
        for (int i = 61; i <= 200; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
    }

    @Test
    void aFailedPageStopsTheCatchUpAndTheNextSignInContinuesFromTheCursor() {
        signedInThen140MoreArchived();
        dropConnection();
        s.xmpp.failNextHistory(new IllegalStateException("connection lost"));
        s.connections.reconnectNow(FakeServices.ALICE).join();
        assertThat(progress.getLast().problem()).isEqualTo("connection lost");
        assertThat(bodies()).hasSize(60);

        dropConnection();
        s.connections.reconnectNow(FakeServices.ALICE).join();
        assertThat(bodies()).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void aCatchUpTheBreakCutOffGoesOnWhenTheStreamIsResumed() {
        signedInThen140MoreArchived();
        dropConnection();
        s.xmpp.failHistoryAfter(1, new IllegalStateException("connection lost"));
        s.connections.reconnectNow(FakeServices.ALICE).join();
        assertThat(progress.getLast().problem()).isEqualTo("connection lost");
        int stored = bodies().size();
        assertThat(stored).isLessThan(200);

        // the stream comes back resumed: nothing else would start the catch-up again before the next sign-in
        dropConnection();
        s.xmpp.resumeNext();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(bodies()).hasSize(200).doesNotHaveDuplicates();
        assertThat(progress.getLast().done()).isTrue();
        assertThat(progress.getLast().problem()).isNull();
    }

    @Test
    void aPageThatDoesNotComeInTimeWhileStillConnectedIsAskedForAgain() {
        signedInThen140MoreArchived();
        dropConnection();
        s.xmpp.failNextHistory(new im.natter.domain.model.ConnectionFailedException(
                im.natter.domain.model.ConnectionProblem.of(im.natter.domain.model.ConnectionProblem.Kind.TIMED_OUT,
                        "The server example.org did not send its archive in time.")));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(bodies()).hasSize(200).doesNotHaveDuplicates();
        assertThat(progress.getLast().done()).isTrue();
        assertThat(progress.getLast().problem()).isNull();
    }

    @Test
    void aServerWithoutArchiveIsLeftAlone() {
        s.xmpp.setHistorySupported(false);
        signIn();
        assertThat(s.xmpp.historyQueries()).isEmpty();
        assertThat(progress.getLast().done()).isTrue();
    }

    @Test
    void carbonsOfWhatTheUserSentElsewhereAreOwnMessagesAndAreNotConfirmed() {
        signIn();
        s.xmpp.receive(new InboundMessage(FakeServices.ALICE, FakeServices.ALICE.address(), "phone",
                ConversationKind.CHAT, "sent on my phone", ContentKind.TEXT, "c1", "c1", null, null, null, true,
                Direction.OUTGOING, BOB, MessageSource.CARBON, null, null, null, null));

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(m.conversation().peer()).isEqualTo(BOB);
        });
        assertThat(s.xmpp.receiptsSent()).isEmpty();
    }

    @Test
    void whenTheServerForgotOurLastIdTheCatchUpGoesByDateInstead() {
        for (int i = 1; i <= 30; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        signIn();
        for (int i = 31; i <= 40; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        dropConnection();
        s.xmpp.failNextHistory(new java.util.NoSuchElementException("item-not-found"));
        s.connections.reconnectNow(FakeServices.ALICE).join();

        assertThat(bodies()).hasSize(40).doesNotHaveDuplicates();
        assertThat(progress.getLast().problem()).isNull();
    }

    @Test
    void scrollingBackFetchesThePageBeforeTheOldestStoredArchiveIdWithoutMovingTheCursor() {
        var limited = new FakeServices(new HistorySyncService.Settings(Duration.ofDays(30), 40, 50));
        List<ChatMessage> announced = new ArrayList<>();
        limited.bus.subscribe(e -> {
            if (e instanceof MessageAdded m) {
                announced.add(m.message());
            }
        });
        for (int i = 1; i <= 150; i++) {
            limited.xmpp.archive(archived(BOB, Direction.INCOMING, "b" + i, "ob" + i));
        }
        for (int i = 1; i <= 10; i++) {
            limited.xmpp.archive(archived(CAROL, Direction.INCOMING, "c" + i, "oc" + i));
        }
        limited.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
        var withBob = im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, BOB);
        assertThat(limited.archive.page(withBob, 0, 500)).hasSize(40); // the first window's limit: b111..b150
        announced.clear();

        assertThat(limited.history.fetchOlder(withBob, 50).join()).isEqualTo(50);
        var query = limited.xmpp.historyQueries().getLast();
        assertThat(query.with()).isEqualTo(BOB);
        assertThat(query.beforeArchiveId()).isEqualTo("A111");
        assertThat(announced).extracting(ChatMessage::body).first().isEqualTo("b61");
        assertThat(announced).extracting(ChatMessage::body).last().isEqualTo("b110");
        // the catch-up continues from the newest id it had, not from this older page
        assertThat(limited.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("A160"));

        assertThat(limited.history.fetchOlder(withBob, 50).join()).isEqualTo(50);
        assertThat(limited.history.fetchOlder(withBob, 50).join()).isEqualTo(10);
        assertThat(limited.history.fetchOlder(withBob, 50).join()).isZero();
        assertThat(limited.archive.page(withBob, 0, 500)).extracting(ChatMessage::body)
                .hasSize(150).startsWith("b1", "b2").endsWith("b150");
        assertThat(limited.archive.page(im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, CAROL), 0,
                500)).hasSize(10);
    }

    @Test
    void aConversationWithNothingStoredStartsAtTheServersNewestPage() {
        for (int i = 1; i <= 5; i++) {
            s.xmpp.archive(archived(CAROL, Direction.INCOMING, "c" + i, "oc" + i));
        }
        var withCarol = im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, CAROL);
        assertThat(s.history.fetchOlder(withCarol, 50).join()).isEqualTo(5);
        assertThat(s.xmpp.historyQueries().getLast().beforeArchiveId()).isEmpty();
        assertThat(s.xmpp.historyQueries().getLast().with()).isEqualTo(CAROL);
        assertThat(s.archive.syncState(FakeServices.ALICE, null)).isEmpty();
        assertThat(added.get()).isEqualTo(5);
    }

    @Test
    void scrollingBackWithoutAnArchiveOrAConnectionFailsInWords() {
        var withBob = im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, BOB);
        s.xmpp.failNextHistory(new IllegalStateException("The connection to example.org was lost."));
        assertThat(s.history.fetchOlder(withBob, 50)).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("Older messages could not be fetched from the server: The connection to "
                        + "example.org was lost.");
        s.xmpp.setHistorySupported(false);
        assertThat(s.history.fetchOlder(withBob, 50)).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("the server keeps no archive, or you are offline");
        assertThat(bodies()).isEmpty();
    }

    @Test
    void pagesAreStoredInOrderEvenWhenThePrefetchedOneArrivesFirst() throws Exception {
        // a server that answers when the test says so, so page 2 can arrive before page 1 is stored
        var pending = new java.util.ArrayList<java.util.Map.Entry<im.natter.domain.model.HistoryQuery,
                java.util.concurrent.CompletableFuture<im.natter.domain.model.HistoryPage>>>();
        im.natter.domain.port.HistoryPort slowServer = new im.natter.domain.port.HistoryPort() {
            @Override
            public boolean isSupported(im.natter.domain.model.AccountId account) {
                return true;
            }

            @Override
            public java.util.concurrent.CompletableFuture<im.natter.domain.model.HistoryPage> fetch(
                    im.natter.domain.model.HistoryQuery query) {
                var f = new java.util.concurrent.CompletableFuture<im.natter.domain.model.HistoryPage>();
                pending.add(java.util.Map.entry(query, f));
                return f;
            }
        };
        var fx = new java.util.ArrayList<Runnable>();
        FakeServices f = new FakeServices();
        f.archive.storePage(List.of(), new im.natter.domain.model.SyncState(FakeServices.ALICE, null, "A0",
                f.clock.instant()));
        new HistorySyncService(slowServer, f.archive, f.archive, f.xmpp, f.bus, fx::add, f.clock,
                HistorySyncService.Settings.standard());
        f.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
        while (!fx.isEmpty()) {
            fx.removeFirst().run();
        }
        // the catch-up asked for the page after A0; the default service of FakeServices asked its own fake too
        assertThat(pending).hasSize(1);
        var page1 = new im.natter.domain.model.HistoryPage(
                List.of(archived(BOB, Direction.INCOMING, "m1", "o1")), "A1", "A1", false);
        pending.get(0).getValue().complete(page1); // page 2 is requested at once
        assertThat(pending).hasSize(2);
        assertThat(pending.get(1).getKey().afterArchiveId()).isEqualTo("A1");
        var page2 = new im.natter.domain.model.HistoryPage(
                List.of(archived(BOB, Direction.INCOMING, "m2", "o2")), "A2", "A2", true);
        pending.get(1).getValue().complete(page2); // arrives before page 1 is stored
        while (!fx.isEmpty()) {
            fx.removeFirst().run();
        }

        assertThat(f.archive.all()).extracting(ChatMessage::body).containsExactly("m1", "m2");
        assertThat(f.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("A2"));
    }

    @Test
    void anArchiveThatWasEmptyAtTheFirstSignInIsReadForwardsFromThenOn() {
        s.clock.set(Instant.parse("2026-11-20T08:00:00Z"));
        signIn(); // nothing on the server yet
        assertThat(s.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEmpty());
        for (int i = 1; i <= 120; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "m" + i, "o" + i));
        }
        dropConnection();
        s.connections.reconnectNow(FakeServices.ALICE).join();

        var query = s.xmpp.historyQueries().get(1); // the first request of the second catch-up
        assertThat(query.beforeArchiveId()).isNull();
        assertThat(query.afterArchiveId()).isNull();
        assertThat(query.start()).isNotNull();
        assertThat(bodies()).hasSize(120);
        assertThat(s.archive.syncState(FakeServices.ALICE, null)).get()
                .satisfies(st -> assertThat(st.lastArchiveId()).isEqualTo("A120"));
    }

    @Test
    void theFirstWindowsOlderPagesNameEachConversationsOldestMessageOfTheNewerPages() {
        for (int i = 1; i <= 100; i++) {
            s.xmpp.archive(archived(i % 2 == 1 ? BOB : CAROL, Direction.INCOMING, "m" + i, "o" + i));
        }
        signIn();

        // pages of 50, newest first: the older page lies before m51 (Bob's) and m52 (Carol's)
        List<im.natter.domain.model.PagePosition> positions = s.archive.pagePositions();
        assertThat(positions).hasSize(2);
        assertThat(positions.getFirst()).isEqualTo(im.natter.domain.model.PagePosition.UNKNOWN);
        assertThat(positions.getLast().before()).extracting(ChatMessage::body).containsExactlyInAnyOrder("m51",
                "m52");
    }

    @Test
    void scrollingBackNamesTheOldestStoredMessageOfTheConversationThePageLiesBefore() {
        for (int i = 1; i <= 5; i++) {
            s.xmpp.archive(archived(BOB, Direction.INCOMING, "b" + i, "ob" + i));
        }
        var withBob = im.natter.domain.model.ConversationKey.chat(FakeServices.ALICE, BOB);
        s.history.fetchOlder(withBob, 2).join();
        assertThat(s.archive.pagePositions().getLast()).isEqualTo(im.natter.domain.model.PagePosition.UNKNOWN);

        s.history.fetchOlder(withBob, 2).join();

        assertThat(s.archive.pagePositions().getLast().before()).singleElement().extracting(ChatMessage::body)
                .isEqualTo("b4");
        assertThat(s.xmpp.historyQueries().getLast().beforeArchiveId()).isEqualTo("A4");
    }
}
