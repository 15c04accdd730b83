package im.natter.service;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.event.BookmarksChanged;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.ConnectionProblem;
import im.natter.testsupport.fakes.FakeServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BookmarkServiceTest {

    private static final Address TEA = Address.of("tea@muc.example.org");
    private static final Address CAKE = Address.of("cake@muc.example.org");

    private final FakeServices s = new FakeServices();
    private final List<BookmarksChanged> changes = new ArrayList<>();

    @BeforeEach
    void listen() {
        s.bus.subscribe(e -> {
            if (e instanceof BookmarksChanged c) {
                changes.add(c);
            }
        });
    }

    private void signIn() {
        s.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    @Test
    void bookmarksAreFetchedOncePerSignInAndKeptInStepWithOtherDevices() {
        s.fakeBookmarks.preset(FakeServices.ALICE, List.of(new Bookmark(TEA, "Tea", null, null, false)));
        signIn();
        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).extracting(Bookmark::room).containsExactly(TEA);
        s.bookmarks.bookmarks(FakeServices.ALICE).join();
        assertThat(s.fakeBookmarks.calls()).containsExactly("fetch"); // the autojoin fetch at sign-in

        s.fakeBookmarks.changeElsewhere(FakeServices.ALICE, List.of(new Bookmark(CAKE, null, null, null, false)));

        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).extracting(Bookmark::room)
                .containsExactly(CAKE);
        assertThat(changes.getLast().bookmarks()).extracting(Bookmark::room).containsExactly(CAKE);
    }

    @Test
    void aChangeTheServerNeverPushedIsSeenAtTheSecondLookAfterSignIn() {
        signIn();
        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).isEmpty();
        assertThat(s.bookmarkScheduler.pendingDelaysMillis())
                .containsExactly(BookmarkService.LOOK_AGAIN_SECONDS * 1000);

        // another device saved one before the server knew to tell this one
        s.fakeBookmarks.preset(FakeServices.ALICE, List.of(new Bookmark(TEA, "Tea", null, null, true)));
        s.bookmarkScheduler.runPending();

        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).extracting(Bookmark::room).containsExactly(TEA);
        assertThat(changes.getLast().bookmarks()).extracting(Bookmark::room).containsExactly(TEA);
    }

    @Test
    void saveAndRemoveGoToTheServerFirst() {
        signIn();
        s.bookmarks.save(FakeServices.ALICE, new Bookmark(TEA, null, "ali", null, true)).join();
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE)).extracting(Bookmark::room).containsExactly(TEA);
        assertThat(changes.getLast().bookmarks()).hasSize(1);
        s.bookmarks.remove(FakeServices.ALICE, TEA).join();
        assertThat(s.fakeBookmarks.onServer(FakeServices.ALICE)).isEmpty();
        assertThat(changes.getLast().bookmarks()).isEmpty();
    }

    @Test
    void aFailedSaveChangesNothingHere() {
        signIn();
        s.fakeBookmarks.failSaves(true);
        var saved = s.bookmarks.save(FakeServices.ALICE, new Bookmark(TEA, null, null, null, true));
        assertThat(saved).isCompletedExceptionally();
        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).isEmpty();
    }

    @Test
    void aFreshSignInFetchesAgain() {
        signIn();
        s.xmpp.drop(FakeServices.ALICE, ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED, "lost"));
        s.fakeBookmarks.preset(FakeServices.ALICE, List.of(new Bookmark(TEA, null, null, null, false)));
        s.xmpp.reconnect(FakeServices.ALICE).join();
        assertThat(s.bookmarks.bookmarks(FakeServices.ALICE).join()).extracting(Bookmark::room).containsExactly(TEA);
    }
}
