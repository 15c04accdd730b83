package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.ALICE_WORK;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.CAROL;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageStoreTest {

    private static final ConversationKey WITH_BOB = ConversationKey.chat(ALICE, BOB);
    private static final Address ROOM = Address.of("tea@conference.example.org");
    private static final ConversationKey TEA_ROOM = new ConversationKey(ALICE, ROOM, ConversationKind.ROOM);

    @TempDir
    Path dir;

    private Database database;
    private SqliteMessageStore messages;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        messages = new SqliteMessageStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aMessageStampedInAWholeSecondGoesAfterWhatItsSenderSentJustBeforeIt() throws Exception {
        // received live, a little after the second began
        messages.insert(TestMessages.from(BOB).body("1").localTime(T0.plusMillis(400)).build());
        messages.insert(TestMessages.from(BOB).body("2").localTime(T0.plusMillis(800)).build());
        // then delivered from offline storage, stamped with that whole second
        messages.insert(TestMessages.from(BOB).body("3").serverTime(T0).localTime(T0.plusSeconds(5)).build());
        messages.insert(TestMessages.from(BOB).body("4").serverTime(T0).localTime(T0.plusSeconds(5)).build());
        // much older history from offline storage stays where its time puts it
        messages.insert(TestMessages.from(BOB).body("0").serverTime(T0.minusSeconds(60))
                .localTime(T0.plusSeconds(5)).build());

        assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                .containsExactly("0", "1", "2", "3", "4");
        assertThat(messages.page(WITH_BOB, 0, 10).get(3).displayTime()).isEqualTo(T0);
    }

    @Test
    void unconfirmedMessagesAreTheAcceptedOnesSinceAGivenTimeToPeersThatConfirm() throws Exception {
        Address carol = Address.of("carol@example.org");
        messages.insert(TestMessages.to(BOB).body("confirmed").originId("o-1").at(T0).build());
        messages.updateState(TestMessages.ALICE, "o-1", DeliveryState.DELIVERED, null);
        messages.insert(TestMessages.to(BOB).body("old").originId("o-2").at(T0.plusSeconds(1)).build());
        messages.updateState(TestMessages.ALICE, "o-2", DeliveryState.ON_SERVER, null);
        messages.insert(TestMessages.to(BOB).body("recent").originId("o-3").at(T0.plusSeconds(60)).build());
        messages.updateState(TestMessages.ALICE, "o-3", DeliveryState.ON_SERVER, null);
        messages.insert(TestMessages.to(BOB).body("still queued").originId("o-4").at(T0.plusSeconds(61)).build());
        messages.insert(TestMessages.to(carol).body("to carol").originId("o-5").at(T0.plusSeconds(60)).build());
        messages.updateState(TestMessages.ALICE, "o-5", DeliveryState.ON_SERVER, null);

        assertThat(messages.unconfirmedSince(TestMessages.ALICE, T0.plusSeconds(30)))
                .extracting(ChatMessage::body).containsExactly("recent");
    }

    @Test
    void anInsertedMessageComesBackWithItsIdAndEveryField() throws Exception {
        ChatMessage sent = TestMessages.from(BOB).body("hi ✓ 👋").originId("o-1").stanzaId("s-1", "alice@example.org")
                .serverTime(T0).localTime(T0.plusMillis(1_500)).build();

        ChatMessage stored = messages.insert(sent).orElseThrow();

        assertThat(stored.id()).isPositive();
        assertThat(stored).isEqualTo(sent.withId(stored.id()).withSortTime(T0));
        assertThat(messages.page(WITH_BOB, 0, 10)).containsExactly(stored);
    }

    @Test
    void theSameStanzaIdFromTheSameAssignerIsStoredOnce() throws Exception {
        ChatMessage first = TestMessages.from(BOB).body("once").stanzaId("s-1", "alice@example.org").at(T0).build();
        ChatMessage again = TestMessages.from(BOB).body("once").stanzaId("s-1", "alice@example.org")
                .at(T0.plusSeconds(30)).build();
        ChatMessage otherAssigner = TestMessages.from(BOB).body("other").stanzaId("s-1", "bob@example.org")
                .at(T0.plusSeconds(31)).build();

        assertThat(messages.insert(first)).isPresent();
        assertThat(messages.insert(again)).isEmpty();
        assertThat(messages.insert(otherAssigner)).isPresent();
        assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body).containsExactly("once", "other");
    }

    @Test
    void theSameOriginIdFromTheSameSenderIsStoredOnce() throws Exception {
        ChatMessage sent = TestMessages.to(BOB).body("mine").originId("o-1").at(T0).build();
        // the server's copy (MAM or a carbon) carries the same origin-id and now a stanza-id as well
        ChatMessage echo = TestMessages.to(BOB).body("mine").originId("o-1").stanzaId("s-9", "alice@example.org")
                .state(DeliveryState.ON_SERVER).at(T0.plusSeconds(1)).build();

        assertThat(messages.insert(sent)).isPresent();
        assertThat(messages.insert(echo)).isEmpty();
        assertThat(messages.page(WITH_BOB, 0, 10)).hasSize(1);
    }

    @Test
    void theSameOriginIdFromDifferentSendersIsTwoMessages() throws Exception {
        ChatMessage fromBob = TestMessages.from(ROOM).in(TEA_ROOM).sender(BOB).body("bob's").originId("1").at(T0)
                .build();
        ChatMessage fromCarol = TestMessages.from(ROOM).in(TEA_ROOM).sender(CAROL).body("carol's").originId("1")
                .at(T0.plusSeconds(1)).build();

        assertThat(messages.insert(fromBob)).isPresent();
        assertThat(messages.insert(fromCarol)).isPresent();
        assertThat(messages.page(TEA_ROOM, 0, 10)).extracting(ChatMessage::body).containsExactly("bob's", "carol's");
    }

    @Test
    void theSameIdsInAnotherConversationAreAnotherMessage() throws Exception {
        assertThat(messages.insert(TestMessages.from(BOB).originId("o").stanzaId("s", "x").build())).isPresent();
        assertThat(messages.insert(TestMessages.from(CAROL).originId("o").stanzaId("s", "x").build())).isPresent();
    }

    @Test
    void pagingThroughALongHistoryMissesNothingAndRepeatsNothing() throws Exception {
        List<ChatMessage> toStore = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // three messages share each second, so ties are broken by id; some come with a late local time
            var message = i % 2 == 0 ? TestMessages.from(BOB) : TestMessages.to(BOB);
            toStore.add(message.body("message " + i).serverTime(T0.plusSeconds(i / 3))
                    .localTime(T0.plusSeconds(i / 3 + (i % 7))).build());
        }
        // history arrives out of order (live messages first, then the catch-up), yet must read in time order
        Collections.shuffle(toStore, new Random(42));
        List<ChatMessage> stored = new ArrayList<>();
        for (ChatMessage message : toStore) {
            stored.add(messages.insert(message).orElseThrow());
        }
        stored.sort(Comparator.comparing(ChatMessage::orderTime).thenComparingLong(ChatMessage::id));

        List<ChatMessage> read = new ArrayList<>();
        long before = 0;
        int pages = 0;
        while (true) {
            List<ChatMessage> page = messages.page(WITH_BOB, before, 50);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(50);
            read.addAll(0, page);
            before = page.getFirst().id();
            pages++;
        }

        assertThat(pages).isEqualTo(100);
        assertThat(new HashSet<>(read.stream().map(ChatMessage::id).toList())).hasSize(5_000);
        assertThat(read).isEqualTo(stored);
    }

    @Test
    void aPageHoldsTheMessagesJustBeforeTheGivenOneOldestFirst() throws Exception {
        List<ChatMessage> stored = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stored.add(messages.insert(TestMessages.from(BOB).body("m" + i).at(T0.plusSeconds(i)).build())
                    .orElseThrow());
        }
        assertThat(messages.page(WITH_BOB, 0, 3)).extracting(ChatMessage::body).containsExactly("m7", "m8", "m9");
        assertThat(messages.page(WITH_BOB, stored.get(5).id(), 3)).extracting(ChatMessage::body)
                .containsExactly("m2", "m3", "m4");
        assertThat(messages.page(WITH_BOB, stored.get(1).id(), 3)).extracting(ChatMessage::body)
                .containsExactly("m0");
        assertThat(messages.page(WITH_BOB, 999_999, 3)).isEmpty();
        assertThat(messages.page(ConversationKey.chat(ALICE, CAROL), 0, 3)).isEmpty();
    }

    @Test
    void aMessageDatedInTheFutureSortsAtItsArrivalTime() throws Exception {
        messages.insert(TestMessages.from(BOB).body("first").at(T0).build());
        // a sender with a clock a day fast: shown when it arrived, not a day ahead of everything else
        messages.insert(TestMessages.from(BOB).body("from a fast clock").localTime(T0.plusSeconds(10))
                .serverTime(T0.plus(Duration.ofDays(1))).build());
        messages.insert(TestMessages.from(BOB).body("later").localTime(T0.plusSeconds(25))
                .serverTime(T0.plusSeconds(20)).build());

        assertThat(messages.page(WITH_BOB, 0, 10)).extracting(ChatMessage::body)
                .containsExactly("first", "from a fast clock", "later");
    }

    @Test
    void deliveryStatesOnlyMoveForward() throws Exception {
        messages.insert(TestMessages.to(BOB).body("hello").originId("o-1").at(T0).build());

        assertThat(messages.updateState(ALICE, "o-1", DeliveryState.ON_SERVER, null))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.ON_SERVER));
        assertThat(messages.updateState(ALICE, "o-1", DeliveryState.QUEUED, null)).isEmpty();
        assertThat(messages.updateState(ALICE, "o-1", DeliveryState.DELIVERED, null))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.DELIVERED));
        // a late server ack or error after the receipt changes nothing
        assertThat(messages.updateState(ALICE, "o-1", DeliveryState.ON_SERVER, null)).isEmpty();
        assertThat(messages.updateState(ALICE, "o-1", DeliveryState.FAILED, "late")).isEmpty();

        assertThat(messages.findByOriginId(ALICE, "o-1").orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aRefusedMessageKeepsTheReasonAndCanBeQueuedAgain() throws Exception {
        messages.insert(TestMessages.to(BOB).body("hello").originId("o-2").at(T0).build());

        ChatMessage failed = messages.updateState(ALICE, "o-2", DeliveryState.FAILED, "Bob does not exist")
                .orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.error()).isEqualTo("Bob does not exist");

        ChatMessage retried = messages.updateState(ALICE, "o-2", DeliveryState.QUEUED, null).orElseThrow();
        assertThat(retried.state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(retried.error()).isNull();
    }

    @Test
    void stateUpdatesTouchOnlyTheUsersOwnMessages() throws Exception {
        messages.insert(TestMessages.from(BOB).originId("o-3").at(T0).build());

        assertThat(messages.updateState(ALICE, "o-3", DeliveryState.DELIVERED, null)).isEmpty();
        assertThat(messages.updateState(ALICE, "unknown", DeliveryState.DELIVERED, null)).isEmpty();
        assertThat(messages.updateState(ALICE_WORK, "o-3", DeliveryState.DELIVERED, null)).isEmpty();
        assertThat(messages.findByOriginId(ALICE, "o-3").orElseThrow().state()).isEqualTo(DeliveryState.RECEIVED);
    }

    @Test
    void theOutboxHoldsTheAccountsQueuedMessagesOldestFirst() throws Exception {
        messages.insert(TestMessages.to(CAROL).body("third").originId("q3").at(T0.plusSeconds(30)).build());
        messages.insert(TestMessages.to(BOB).body("first").originId("q1").at(T0.plusSeconds(10)).build());
        messages.insert(TestMessages.to(BOB).body("second").originId("q2").at(T0.plusSeconds(20)).build());
        messages.insert(TestMessages.to(BOB).body("sent").originId("q4").at(T0.plusSeconds(5)).build());
        messages.updateState(ALICE, "q4", DeliveryState.ON_SERVER, null);
        messages.insert(TestMessages.from(BOB).body("incoming").at(T0).build());
        messages.insert(TestMessages.to(BOB).in(ConversationKey.chat(ALICE_WORK, BOB)).sender(ALICE_WORK.address())
                .body("other account").originId("w1").at(T0).build());

        assertThat(messages.queued(ALICE)).extracting(ChatMessage::body).containsExactly("first", "second", "third");
        assertThat(messages.queued(ALICE_WORK)).extracting(ChatMessage::body).containsExactly("other account");
    }

    @Test
    void findByOriginIdPrefersTheUsersOwnMessage() throws Exception {
        messages.insert(TestMessages.from(BOB).body("bob's").originId("same").at(T0).build());
        messages.insert(TestMessages.to(BOB).body("mine").originId("same").at(T0.plusSeconds(1)).build());

        assertThat(messages.findByOriginId(ALICE, "same").orElseThrow().body()).isEqualTo("mine");
        assertThat(messages.findByOriginId(ALICE, "none")).isEmpty();
        assertThat(messages.findByOriginId(ALICE_WORK, "same")).isEmpty();
    }
}
