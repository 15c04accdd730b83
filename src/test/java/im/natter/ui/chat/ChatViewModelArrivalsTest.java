package im.natter.ui.chat;

import static im.natter.ui.chat.ChatFixtures.BOB;
import static im.natter.ui.chat.ChatFixtures.WITH_BOB;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Messages arriving in one turn of the FX thread, as a catch-up hands them over: run in order here, by hand. */
class ChatViewModelArrivalsTest {

    private final ArrayDeque<Runnable> fx = new ArrayDeque<>();
    private final ChatFixtures f = new ChatFixtures(fx::add);

    private void runFx() {
        while (!fx.isEmpty()) {
            fx.poll().run();
        }
    }

    private ChatViewModel open() {
        var vm = new ChatViewModel(f.ui, WITH_BOB);
        vm.activate();
        runFx();
        return vm;
    }

    @Test
    void aBurstGoesInInOrderAsOneChangePerRunOfNeighbours() {
        Instant t = f.fakes.clock.instant().minus(Duration.ofHours(1));
        f.receive(BOB, "10", t.plusSeconds(10));
        f.receive(BOB, "20", t.plusSeconds(20));
        f.receive(BOB, "30", t.plusSeconds(30));
        var vm = open();
        assertThat(bodies(vm)).containsExactly("10", "20", "30");
        int[] insertions = {0};
        vm.items().addListener((ListChangeListener<MessageListItem>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.wasReplaced()) {
                    insertions[0]++;
                }
            }
        });

        // one turn: older ones, one in a gap, newer ones, in no particular order
        for (int s : new int[] {41, 2, 25, 40, 1, 42}) {
            f.receive(BOB, String.valueOf(s), t.plusSeconds(s));
        }
        assertThat(vm.items()).hasSize(3);
        runFx();

        assertThat(bodies(vm)).containsExactly("1", "2", "10", "20", "25", "30", "40", "41", "42");
        assertThat(insertions[0]).isEqualTo(3);
    }

    @Test
    void aCatchUpsOlderMessagesWaitInTheArchiveUntilTheUserScrollsBackToThem() {
        Instant t = f.fakes.clock.instant().minus(Duration.ofDays(1));
        for (int s = 1000; s < 1000 + ChatViewModel.PAGE_SIZE; s++) {
            f.receive(BOB, String.valueOf(s), t.plusSeconds(s));
        }
        var vm = open();
        assertThat(vm.items()).hasSize(ChatViewModel.PAGE_SIZE);
        int[] changes = {0};
        vm.items().addListener((ListChangeListener<MessageListItem>) c -> changes[0]++);

        // a catch-up reading backwards: older than everything shown, and one newer
        for (int s : new int[] {5, 999, 3, 2000}) {
            f.receive(BOB, String.valueOf(s), t.plusSeconds(s));
        }
        runFx();

        // only the newer one came into the list: the rows on screen were not laid out again for the others
        assertThat(changes[0]).isEqualTo(1);
        assertThat(bodies(vm).getLast()).isEqualTo("2000");
        assertThat(vm.hasOlderProperty().get()).isTrue();

        // scrolling back reads them from the archive, in order
        var older = vm.loadOlder();
        runFx();
        assertThat(older).isDone();
        assertThat(bodies(vm).subList(0, 3)).containsExactly("3", "5", "999");
        assertThat(bodies(vm)).doesNotHaveDuplicates().hasSize(ChatViewModel.PAGE_SIZE + 4);
    }

    @Test
    void whatHappensToAMessageBeforeItIsInTheListIsNotLost() {
        f.connect();
        var vm = open();
        vm.composerTextProperty().set("hello");

        // stored, sent and acknowledged by the server, all within the turn that adds it
        vm.send();
        runFx();

        assertThat(vm.items()).singleElement().satisfies(item -> {
            assertThat(item.message().body()).isEqualTo("hello");
            assertThat(item.state()).isEqualTo(DeliveryState.ON_SERVER);
        });
        assertThat(f.fakes.archive.all()).hasSize(1);
    }

    private static java.util.List<String> bodies(ChatViewModel vm) {
        return vm.items().stream().map(i -> i.message().body()).toList();
    }
}
