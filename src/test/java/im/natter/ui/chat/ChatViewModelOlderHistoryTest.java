package im.natter.ui.chat;

import static im.natter.ui.chat.ChatFixtures.BOB;
import static im.natter.ui.chat.ChatFixtures.WITH_BOB;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.model.MessageSource;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scrolling back past what the local archive has: older pages come from the server's archive, on demand. */
class ChatViewModelOlderHistoryTest {

    private static final Instant START = Instant.parse("2026-11-19T09:00:00Z");

    private final ChatFixtures f = new ChatFixtures();
    private final List<String> statuses = new ArrayList<>();

    /** Message {@code n} with bob as the server archived it (archive id "A" + n). */
    private static InboundMessage archived(int n) {
        return new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, "m" + n, ContentKind.TEXT,
                "id" + n, null, null, null, START.plusSeconds(n), false, Direction.INCOMING, BOB,
                MessageSource.ARCHIVE, "A" + n, null, null, null);
    }

    /** The same message as it arrived live, with the stanza-id the user's server gave it. */
    private void receivedLive(int n) {
        f.fakes.xmpp.receive(new InboundMessage(FakeServices.ALICE, BOB, "phone", ConversationKind.CHAT, "m" + n,
                ContentKind.TEXT, "id" + n, null, "A" + n, FakeServices.ALICE.address().value(), START.plusSeconds(n),
                false));
    }

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, WITH_BOB);
        vm.olderStatusProperty().addListener((o, was, now) -> statuses.add(now));
        vm.activate();
        return vm;
    }

    private static List<String> bodies(ChatViewModel vm) {
        return vm.items().stream().map(i -> i.message().body()).toList();
    }

    @Test
    void pastTheLocalHistoryOlderPagesComeFromTheServerInOrder() {
        for (int n = 1; n <= 80; n++) {
            f.fakes.xmpp.archive(archived(n));
        }
        for (int n = 61; n <= 80; n++) {
            receivedLive(n);
        }
        var vm = open();
        assertThat(vm.items()).hasSize(20);
        assertThat(vm.hasOlderProperty().get()).isTrue();

        assertThat(vm.loadOlder().join()).isEqualTo(50);
        assertThat(statuses).contains("Loading older messages…");
        assertThat(f.fakes.xmpp.historyQueries().getLast().beforeArchiveId()).isEqualTo("A61");
        assertThat(bodies(vm)).hasSize(70).startsWith("m11", "m12").endsWith("m79", "m80");

        assertThat(vm.loadOlder().join()).isEqualTo(10);
        assertThat(bodies(vm)).hasSize(80).startsWith("m1", "m2", "m3");
        assertThat(vm.hasOlderProperty().get()).isTrue();
        assertThat(vm.olderStatusProperty().get()).isEmpty();

        assertThat(vm.loadOlder().join()).isZero();
        assertThat(vm.hasOlderProperty().get()).isFalse();
        assertThat(vm.olderStatusProperty().get()).isEqualTo("Beginning of the conversation");
        assertThat(vm.loadingOlderProperty().get()).isFalse();
        // nothing doubled: the live copies and the archive's are the same messages
        assertThat(bodies(vm)).doesNotHaveDuplicates();
        assertThat(f.fakes.archive.page(WITH_BOB, 0, 500)).hasSize(80);
    }

    @Test
    void theLocalArchiveComesFirstAndTheServerOnlyWhenItRunsOut() {
        for (int n = 1; n <= 60; n++) {
            f.fakes.xmpp.archive(archived(n));
            receivedLive(n);
        }
        var vm = open();
        int queries = f.fakes.xmpp.historyQueries().size();
        assertThat(vm.items()).hasSize(50);
        assertThat(vm.loadOlder().join()).isEqualTo(10); // the local ten; then the server says there is no more
        assertThat(bodies(vm)).startsWith("m1").hasSize(60);
        assertThat(f.fakes.xmpp.historyQueries()).hasSize(queries + 1);
        assertThat(vm.hasOlderProperty().get()).isFalse();
        assertThat(vm.olderStatusProperty().get()).isEqualTo("Beginning of the conversation");
    }

    @Test
    void whenTheServerCannotAnswerItSaysSoQuietlyAndTheUserCanTryAgain() {
        for (int n = 1; n <= 30; n++) {
            f.fakes.xmpp.archive(archived(n));
        }
        for (int n = 21; n <= 30; n++) {
            receivedLive(n);
        }
        var vm = open();
        f.fakes.xmpp.failNextHistory(new IllegalStateException("The connection to example.org was lost."));
        assertThat(vm.loadOlder().join()).isZero();
        assertThat(vm.olderStatusProperty().get())
                .isEqualTo("Older messages could not be fetched from the server: The connection to example.org was lost.");
        assertThat(vm.loadErrorProperty().get()).isEmpty();
        assertThat(vm.hasOlderProperty().get()).isTrue();

        assertThat(vm.loadOlder().join()).isEqualTo(20);
        assertThat(bodies(vm)).hasSize(30).startsWith("m1");
    }

    @Test
    void anEmptyConversationAsksForTheServersNewestPage() {
        for (int n = 1; n <= 5; n++) {
            f.fakes.xmpp.archive(archived(n));
        }
        var vm = open();
        assertThat(vm.items()).isEmpty();
        vm.loadOlder().join();
        assertThat(f.fakes.xmpp.historyQueries().getLast().beforeArchiveId()).isEmpty();
        assertThat(bodies(vm)).containsExactly("m1", "m2", "m3", "m4", "m5");
    }
}
