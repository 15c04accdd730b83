package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.MessageChanged;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections, retractions and replies through the chat and history services: what reaches the archive and the
 * UI when the same change comes live, as a carbon and from the server's archive.
 */
class MessageChangesServiceTest {

    private static final Address BOB = Address.of("bob@example.org");
    private static final Address ALICE = FakeServices.ALICE.address();
    private static final String OUR_SERVER = ALICE.value();
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final FakeServices s = new FakeServices();
    private final List<NatterEvent> events = new ArrayList<>();
    private final ConversationKey withBob = ConversationKey.chat(FakeServices.ALICE, BOB);

    @BeforeEach
    void signIn() {
        s.bus.subscribe(events::add);
        // signed in before the stanzas of these tests were written (they are stamped from T0 on)
        s.clock.set(T0.minusSeconds(3600));
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()), "pw".toCharArray())
                .join();
        s.clock.set(T0.plusSeconds(3600)); // and they arrive later
    }

    /** What Bob's or the user's (OUTGOING) stanza looks like coming by {@code source}. */
    private static Stanza bob(String id, String body) {
        return new Stanza(BOB, Direction.INCOMING, id, body);
    }

    private static Stanza mine(String id, String body) {
        return new Stanza(ALICE, Direction.OUTGOING, id, body);
    }

    private record Stanza(Address from, Direction direction, String id, String body, String replaces,
            String retracts, String replyTo, String archiveId, int second) {

        Stanza(Address from, Direction direction, String id, String body) {
            this(from, direction, id, body, null, null, null, "A-" + id, 0);
        }

        Stanza replaces(String target) {
            return new Stanza(from, direction, id, body, target, retracts, replyTo, archiveId, second);
        }

        Stanza retracts(String target) {
            return new Stanza(from, direction, id, body, replaces, target, replyTo, archiveId, second);
        }

        Stanza replyTo(String target) {
            return new Stanza(from, direction, id, body, replaces, retracts, target, archiveId, second);
        }

        Stanza at(int newSecond) {
            return new Stanza(from, direction, id, body, replaces, retracts, replyTo, archiveId, newSecond);
        }

        InboundMessage by(MessageSource source) {
            boolean archive = source == MessageSource.ARCHIVE;
            return new InboundMessage(FakeServices.ALICE, from, "phone", ConversationKind.CHAT, body,
                    ContentKind.TEXT, id, id, archive ? null : archiveId, archive ? null : OUR_SERVER,
                    T0.plusSeconds(second), false, direction, BOB, source, archive ? archiveId : null, replaces,
                    retracts, replyTo);
        }
    }

    private void catchUp() {
        s.xmpp.drop(FakeServices.ALICE, im.natter.domain.model.ConnectionProblem.of(
                im.natter.domain.model.ConnectionProblem.Kind.CONNECTION_DROPPED, "The connection was lost."));
        s.connections.reconnectNow(FakeServices.ALICE).join();
    }

    private List<ChatMessage> added() {
        return events.stream().filter(MessageAdded.class::isInstance).map(e -> ((MessageAdded) e).message())
                .toList();
    }

    private List<ChatMessage> changed() {
        return events.stream().filter(MessageChanged.class::isInstance).map(e -> ((MessageChanged) e).message())
                .toList();
    }

    @Test
    void aCorrectionLiveAsCarbonAndFromTheArchiveAppliesOnceAndAddsNothing() {
        Stanza original = bob("o1", "helo").at(1);
        Stanza correction = bob("c1", "hello").replaces("o1").at(2);
        s.xmpp.receive(original.by(MessageSource.LIVE));
        s.xmpp.receive(correction.by(MessageSource.LIVE));
        s.xmpp.receive(correction.by(MessageSource.CARBON));
        s.xmpp.archive(original.by(MessageSource.ARCHIVE));
        s.xmpp.archive(correction.by(MessageSource.ARCHIVE));
        catchUp();

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("hello");
            assertThat(m.editedAt()).isEqualTo(T0.plusSeconds(2));
        });
        assertThat(added()).extracting(ChatMessage::body).containsExactly("helo");
        assertThat(changed()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(added().getFirst().id());
            assertThat(m.body()).isEqualTo("hello");
        });
    }

    @Test
    void aCorrectionFromTheArchiveThatCameBeforeItsOriginalIsAppliedWhenTheOriginalArrives() {
        s.xmpp.receive(bob("c1", "fixed").replaces("o1").at(2).by(MessageSource.LIVE));
        assertThat(added()).isEmpty();

        s.xmpp.archive(bob("o1", "broken").at(1).by(MessageSource.ARCHIVE));
        catchUp();

        assertThat(added()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("fixed");
            assertThat(m.isEdited()).isTrue();
        });
    }

    @Test
    void aCorrectionOfSomeoneElsesMessageIsShownAsItsOwnMessage() {
        s.xmpp.receive(bob("o1", "my words").at(1).by(MessageSource.LIVE));
        Stanza forged = mine("c1", "your words, changed").replaces("o1").at(2);
        s.xmpp.receive(forged.by(MessageSource.CARBON));
        s.xmpp.archive(forged.by(MessageSource.ARCHIVE));
        catchUp();

        assertThat(s.archive.all()).extracting(ChatMessage::body).containsExactly("my words", "your words, changed");
        assertThat(changed()).isEmpty();
        assertThat(added()).hasSize(2);
    }

    @Test
    void theUsersOwnCorrectionFromAnotherDeviceChangesTheirMessage() {
        ChatMessage sent = s.chats.send(withBob, "teh plan").join();
        events.clear();

        s.xmpp.receive(mine("c1", "the plan").replaces(sent.originId()).at(5).by(MessageSource.CARBON));

        assertThat(changed()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(sent.id());
            assertThat(m.body()).isEqualTo("the plan");
        });
        assertThat(added()).isEmpty();
    }

    @Test
    void aRetractionBySenderHidesTheTextAndIsNeverShownItself() {
        s.xmpp.receive(bob("o1", "oops, wrong chat").at(1).by(MessageSource.LIVE));
        Stanza retraction = bob("r1", "This person attempted to retract a previous message").retracts("o1").at(3);
        s.xmpp.receive(retraction.by(MessageSource.LIVE));
        s.xmpp.archive(retraction.by(MessageSource.ARCHIVE));
        catchUp();

        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.retracted()).isTrue();
            assertThat(m.body()).isEmpty();
        });
        assertThat(added()).hasSize(1);
        assertThat(changed()).singleElement().satisfies(m -> assertThat(m.retracted()).isTrue());
    }

    @Test
    void aRetractionByAnyoneElseIsIgnored() {
        s.xmpp.receive(bob("o1", "keep this").at(1).by(MessageSource.LIVE));
        events.clear();

        s.xmpp.receive(mine("r1", "fallback").retracts("o1").at(2).by(MessageSource.CARBON));

        assertThat(events).filteredOn(e -> e instanceof MessageAdded || e instanceof MessageChanged).isEmpty();
        assertThat(s.archive.all()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("keep this");
            assertThat(m.retracted()).isFalse();
        });
    }

    @Test
    void aReplyRemembersWhatItAnswersAndTheServiceFindsIt() {
        s.xmpp.receive(bob("o1", "lunch?").at(1).by(MessageSource.LIVE));
        s.xmpp.receive(bob("o2", "at noon").replyTo("o1").at(2).by(MessageSource.LIVE));

        ChatMessage reply = added().getLast();
        assertThat(reply.replyToId()).isEqualTo("o1");
        assertThat(s.chats.referenced(withBob, reply.replyToId()).join())
                .hasValueSatisfying(m -> assertThat(m.body()).isEqualTo("lunch?"));
        assertThat(s.chats.referenced(withBob, "unknown").join()).isEmpty();
    }
}
