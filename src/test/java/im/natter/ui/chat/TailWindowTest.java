package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ConversationKey;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class TailWindowTest {

    private static final ConversationKey KEY = ConversationKey.chat(AccountId.of("me@example.org"),
            Address.of("bob@example.org"));
    private static final List<MessageListItem> SIXTEEN = ChatWarmUp.messages(KEY, null).stream()
            .map(m -> new MessageListItem(m, null, ZoneOffset.UTC)).toList();

    private final ObservableList<MessageListItem> timeline = FXCollections.observableArrayList(SIXTEEN.subList(0, 10));

    @Test
    void aLimitedWindowShowsTheNewestMessages() {
        var window = new TailWindow(timeline, 4);

        assertThat(window).containsExactlyElementsOf(timeline.subList(6, 10));
        assertThat(window.offset()).isEqualTo(6);
        assertThat(window.getSourceIndex(0)).isEqualTo(6);
        assertThat(window.getViewIndex(9)).isEqualTo(3);
        assertThat(window.getViewIndex(5)).isEqualTo(-1);
    }

    @Test
    void growingShowsOlderMessagesAboveAndTellsSo() {
        var window = new TailWindow(timeline, 4);
        var mirror = mirrorOf(window);

        window.grow(3);

        assertThat(window).containsExactlyElementsOf(timeline.subList(3, 10));
        assertThat(mirror).containsExactlyElementsOf(window);
        window.grow(100);
        assertThat(window).containsExactlyElementsOf(timeline);
        assertThat(mirror).containsExactlyElementsOf(window);
    }

    @Test
    void aLimitedWindowFollowsTheTimelinesEnd() {
        var window = new TailWindow(timeline, 4);
        var mirror = mirrorOf(window);

        timeline.add(SIXTEEN.get(10));
        timeline.addAll(0, List.of(SIXTEEN.get(11), SIXTEEN.get(12)));
        timeline.remove(9);
        timeline.set(7, SIXTEEN.get(13));

        assertThat(window).containsExactlyElementsOf(timeline.subList(timeline.size() - 4, timeline.size()));
        assertThat(mirror).containsExactlyElementsOf(window);
    }

    @Test
    void aFullyOpenWindowIsTheTimeline() {
        var window = new TailWindow(timeline, 4);
        var mirror = mirrorOf(window);

        window.openFully();
        assertThat(window.isFull()).isTrue();
        assertThat(mirror).containsExactlyElementsOf(timeline);

        timeline.add(SIXTEEN.get(10));
        timeline.addAll(0, List.of(SIXTEEN.get(11), SIXTEEN.get(12)));
        timeline.remove(5);
        timeline.set(2, SIXTEEN.get(13));
        timeline.removeAll(SIXTEEN.get(0), SIXTEEN.get(3));
        FXCollections.sort(timeline, (a, b) -> Long.compare(b.id(), a.id()));

        assertThat(window).containsExactlyElementsOf(timeline);
        assertThat(mirror).containsExactlyElementsOf(timeline);
        assertThat(window.offset()).isZero();
        assertThat(window.getViewIndex(3)).isEqualTo(3);
    }

    @Test
    void aWindowOverAShortTimelineShowsAllOfIt() {
        var window = new TailWindow(FXCollections.observableArrayList(SIXTEEN.subList(0, 2)), 4);

        assertThat(window).hasSize(2);
        assertThat(window.offset()).isZero();
    }

    /** A list kept in step with {@code list} through its changes alone, as a list view keeps its rows. */
    private static List<MessageListItem> mirrorOf(ObservableList<MessageListItem> list) {
        List<MessageListItem> mirror = new ArrayList<>(list);
        list.addListener((ListChangeListener<MessageListItem>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    List<MessageListItem> before = new ArrayList<>(mirror);
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        mirror.set(c.getPermutation(i), before.get(i));
                    }
                } else {
                    for (int i = 0; i < c.getRemovedSize(); i++) {
                        mirror.remove(c.getFrom());
                    }
                    mirror.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
        return mirror;
    }
}
