package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.testsupport.Eventually;
import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import im.natter.xmpp.support.Recorder.BookmarksChanged;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bookmarks saved on one device and seen on another device of the same account. Prosody 0.12 keeps them in PEP
 * with compatibility ({@code urn:xmpp:bookmarks:1#compat-pep}); ejabberd 23.01 advertises only the older
 * {@code urn:xmpp:bookmarks-conversion:0}, so Natter keeps them in private storage there, and learns of changes
 * through the PEP node ejabberd mirrors that storage into ({@code storage:bookmarks}).
 */
class BookmarkAdapterIT {

    @RegisterExtension
    static final XmppServers servers = XmppServers.create();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aBookmarkSavedOnOneDeviceIsSeenOnTheOther(ServerKind kind) throws Exception {
        TestAccount account = servers.newAccount(kind, "keeper");
        try (TestClient desk = TestClient.forServer(servers.server(kind));
                TestClient phone = TestClient.forServer(servers.server(kind))) {
            AccountId a = desk.signIn(account, "desk");
            phone.signIn(account, "phone");
            boolean pep = phone.bookmarks.usesNativeBookmarks(a);
            assertThat(pep).as("PEP native bookmarks on " + kind).isEqualTo(kind == ServerKind.PROSODY);
            assertThat(phone.bookmarks.fetch(a).get(20, TimeUnit.SECONDS)).isEmpty();
            untilChangesReachThePhone(desk, phone, a, kind);

            Address room = Address.of("tea@" + servers.server(kind).mucDomain());
            Bookmark tea = new Bookmark(room, "Tea room", "keeper", "s3cret", true);
            desk.bookmarks.save(a, tea).get(20, TimeUnit.SECONDS);
            Address other = Address.of("coffee@" + servers.server(kind).mucDomain());
            desk.bookmarks.save(a, new Bookmark(other, null, null, null, false)).get(20, TimeUnit.SECONDS);

            // Prosody notifies through the native node; ejabberd through XEP-0048's PEP mirror of private storage
            assertThat(phone.events.await(BookmarksChanged.class, c -> c.bookmarks().size() == 2).bookmarks())
                    .contains(tea);
            assertThat(phone.bookmarks.fetch(a).get(20, TimeUnit.SECONDS)).contains(tea,
                    new Bookmark(other, null, null, null, false));

            Bookmark renamed = new Bookmark(room, "Tea at five", "keeper", null, false);
            phone.bookmarks.save(a, renamed).get(20, TimeUnit.SECONDS);
            desk.bookmarks.remove(a, other).get(20, TimeUnit.SECONDS);
            assertThat(phone.events.await(BookmarksChanged.class, c -> c.bookmarks().equals(List.of(renamed)))
                    .account()).isEqualTo(a);
            assertThat(desk.bookmarks.fetch(a).get(20, TimeUnit.SECONDS)).containsExactly(renamed);
        }
    }

    /**
     * Waits until a change made on the desk reaches the phone. The server learns which changes the phone wants pushed
     * from the phone's features, which it asks for after the phone's presence, in its own time; a change made before
     * that is never pushed to the phone (the bookmarks node does not resend its last item), whatever the client does.
     * So the desk changes a probe bookmark until the phone hears of one, the phone saying its presence again after
     * each miss (once in CI no number of changes reached it), then removes it again.
     */
    private static void untilChangesReachThePhone(TestClient desk, TestClient phone, AccountId a, ServerKind kind) {
        Address probe = Address.of("probe@" + servers.server(kind).mucDomain());
        int[] tries = {0};
        Eventually.until("a bookmark saved on the desk reaching the phone", () -> {
            try {
                if (tries[0] > 0) {
                    phone.sayPresenceAgain(a, tries[0]);
                }
                desk.bookmarks.save(a, new Bookmark(probe, "probe " + tries[0]++, null, null, false))
                        .get(20, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < deadline) {
                    if (phone.events.drain().stream().anyMatch(e -> e instanceof BookmarksChanged c
                            && c.bookmarks().stream().anyMatch(b -> b.room().equals(probe)))) {
                        return true;
                    }
                    Thread.sleep(20);
                }
                return false;
            } catch (Exception e) {
                throw new AssertionError("the probe bookmark could not be saved", e);
            }
        });
        try {
            desk.bookmarks.remove(a, probe).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe bookmark could not be removed", e);
        }
        phone.events.await(BookmarksChanged.class, c -> c.bookmarks().isEmpty());
    }
}
