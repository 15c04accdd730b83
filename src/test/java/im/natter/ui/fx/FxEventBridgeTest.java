package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.MessageAdded;
import im.natter.domain.event.NatterEvent;
import im.natter.domain.event.PresenceChanged;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.PresenceStatus;
import im.natter.service.EventBus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FxEventBridgeTest {

    private static final AccountId ME = AccountId.of("me@example.org");

    /** An "FX thread" that runs only when the test says so, like a busy pulse. */
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final EventBus bus = new EventBus();
    private final FxEventBridge bridge = new FxEventBridge(bus, fxQueue::add);

    private void runFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.removeFirst().run();
        }
    }

    private static PresenceChanged presence(String who, Availability a) {
        return new PresenceChanged(ME, Address.of(who), new PresenceStatus(a, ""));
    }

    private static MessageAdded message(String body) {
        return new MessageAdded(new ChatMessage(1, ConversationKey.chat(ME, Address.of("bob@example.org")),
                Direction.INCOMING, Address.of("bob@example.org"), null, body, ContentKind.TEXT, null, null, null, null,
                Instant.EPOCH, DeliveryState.RECEIVED, null));
    }

    @Test
    void aBurstIsDeliveredInOneDrainWithPresenceFoldedPerContact() {
        List<NatterEvent> got = new ArrayList<>();
        bridge.on(NatterEvent.class, got::add);

        for (int i = 0; i < 1000; i++) {
            bus.publish(presence("bob@example.org", i % 2 == 0 ? Availability.AWAY : Availability.AVAILABLE));
        }
        bus.publish(message("one"));
        bus.publish(presence("carol@example.org", Availability.AWAY));
        bus.publish(message("two"));

        assertThat(fxQueue).hasSize(1);
        runFx();
        assertThat(got).hasSize(4);
        assertThat(got.getFirst()).isEqualTo(presence("bob@example.org", Availability.AVAILABLE));
        assertThat(got).filteredOn(MessageAdded.class::isInstance)
                .extracting(e -> ((MessageAdded) e).message().body()).containsExactly("one", "two");
    }

    @Test
    void handlersGetOnlyTheirTypeAndStopWhenClosed() {
        List<MessageAdded> got = new ArrayList<>();
        var sub = bridge.on(MessageAdded.class, got::add);
        bus.publish(presence("bob@example.org", Availability.AWAY));
        bus.publish(message("one"));
        runFx();
        sub.close();
        bus.publish(message("two"));
        runFx();

        assertThat(got).extracting(e -> e.message().body()).containsExactly("one");
    }

    @Test
    void aNewBurstAfterADrainSchedulesAnotherDrain() {
        bus.publish(message("one"));
        runFx();
        bus.publish(message("two"));
        assertThat(fxQueue).hasSize(1);
    }

    @Test
    void aFloodIsHandedOverInSlicesSoTheFxThreadGetsFreeBetweenThemAndOrderHolds() {
        bridge.close();
        long[] now = {0};
        FxEventBridge sliced = new FxEventBridge(bus, fxQueue::add, () -> now[0]);
        List<String> got = new ArrayList<>();
        // each handler call takes 3 ms of the (made-up) clock: three fit in one 8 ms slice
        sliced.on(MessageAdded.class, e -> {
            got.add(e.message().body());
            now[0] += 3_000_000;
        });
        for (int i = 0; i < 9; i++) {
            bus.publish(message("m" + i));
        }

        fxQueue.removeFirst().run();
        assertThat(got).containsExactly("m0", "m1", "m2");
        assertThat(fxQueue).as("the rest waits for the next turn").hasSize(1);

        bus.publish(message("later"));
        runFx();
        assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "later");
        assertThat(sliced.pendingCount()).isZero();
    }
}
