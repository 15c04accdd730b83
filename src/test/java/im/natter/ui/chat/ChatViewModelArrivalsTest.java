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
