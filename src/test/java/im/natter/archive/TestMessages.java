package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import java.time.Instant;

/** Readable message fixtures: {@code TestMessages.from(BOB).body("hi").at(T0).stanzaId("s1").build()}. */
final class TestMessages {

    static final AccountId ALICE = AccountId.of("alice@example.org");
    static final AccountId ALICE_WORK = AccountId.of("alice@work.example");
    static final Address BOB = Address.of("bob@example.org");
    static final Address CAROL = Address.of("carol@example.org");
    static final Address DAVE = Address.of("dave@example.org");
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private ConversationKey conversation;
    private Direction direction;
    private Address sender;
    private String senderNick;
    private String body = "hello";
    private ContentKind contentKind = ContentKind.TEXT;
    private String originId;
    private String stanzaId;
    private String stanzaIdBy;
    private Instant serverTime;
    private Instant localTime = T0;
    private DeliveryState state;
    private String error;
    private Instant senderClock;

    private TestMessages() {
    }

    /** An incoming chat message from {@code peer} to {@link #ALICE}. */
    static TestMessages from(Address peer) {
        TestMessages m = new TestMessages();
        m.conversation = ConversationKey.chat(ALICE, peer);
        m.direction = Direction.INCOMING;
        m.sender = peer;
        m.state = DeliveryState.RECEIVED;
        return m;
    }

    /** An outgoing chat message from {@link #ALICE} to {@code peer}, still queued. */
    static TestMessages to(Address peer) {
        TestMessages m = new TestMessages();
        m.conversation = ConversationKey.chat(ALICE, peer);
        m.direction = Direction.OUTGOING;
        m.sender = ALICE.address();
        m.state = DeliveryState.QUEUED;
        return m;
    }

    TestMessages in(ConversationKey key) {
        conversation = key;
        return this;
    }

    TestMessages sender(Address who) {
        sender = who;
        return this;
    }

    TestMessages body(String text) {
        body = text;
        return this;
    }

    TestMessages encrypted() {
        contentKind = ContentKind.OMEMO_ENCRYPTED;
        return this;
    }

    TestMessages originId(String id) {
        originId = id;
        return this;
    }

    TestMessages stanzaId(String id, String by) {
        stanzaId = id;
        stanzaIdBy = by;
        return this;
    }

    /** Arrived (and was sent) at {@code time}. */
    TestMessages at(Instant time) {
        localTime = time;
        serverTime = time;
        return this;
    }

    TestMessages serverTime(Instant time) {
        serverTime = time;
        return this;
    }

    TestMessages localTime(Instant time) {
        localTime = time;
        return this;
    }

    /** Its writer's client said it wrote it at {@code time} (ADR 0012). */
    TestMessages writtenAt(Instant time) {
        senderClock = time;
        return this;
    }

    TestMessages state(DeliveryState newState) {
        state = newState;
        return this;
    }

    ChatMessage build() {
        return new ChatMessage(0, conversation, direction, sender, senderNick, body, contentKind, originId, stanzaId,
                stanzaIdBy, serverTime, localTime, state, error).withSenderClock(senderClock);
    }
}
