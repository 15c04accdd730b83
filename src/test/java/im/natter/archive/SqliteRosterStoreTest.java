package im.natter.archive;

import static im.natter.archive.TestMessages.ALICE;
import static im.natter.archive.TestMessages.ALICE_WORK;
import static im.natter.archive.TestMessages.BOB;
import static im.natter.archive.TestMessages.CAROL;
import static im.natter.archive.TestMessages.DAVE;
import static im.natter.archive.TestMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Contact;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRosterStoreTest {

    private static final Contact BOB_FRIEND = new Contact(BOB, "Bob", Subscription.BOTH, false,
            List.of("Friends", "Work"));
    private static final Contact CAROL_ASKED = new Contact(CAROL, null, Subscription.NONE, true, List.of());

    @TempDir
    Path dir;

    private Database database;
    private SqliteRosterStore roster;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("archive.db"));
        roster = new SqliteRosterStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReplacedRosterComesBackWithGroups() throws Exception {
        roster.replaceRoster(ALICE, List.of(CAROL_ASKED, BOB_FRIEND));

        assertThat(roster.roster(ALICE)).containsExactly(BOB_FRIEND, CAROL_ASKED);
        assertThat(roster.roster(ALICE_WORK)).isEmpty();
    }

    @Test
    void replacingDropsContactsThatAreGoneAndTheirGroups() throws Exception {
        roster.replaceRoster(ALICE, List.of(BOB_FRIEND, CAROL_ASKED));
        Contact dave = new Contact(DAVE, "Dave", Subscription.TO, false, List.of("Family"));

        roster.replaceRoster(ALICE, List.of(dave));

        assertThat(roster.roster(ALICE)).containsExactly(dave);
        assertThat(database.<Integer>read(c -> Integer.parseInt(
                MigratorTest.single(c, "SELECT count(*) FROM contact_group")))).isEqualTo(1);
    }

    @Test
    void savingAContactAddsOrUpdatesItAndRemovingDeletesIt() throws Exception {
        roster.replaceRoster(ALICE, List.of(BOB_FRIEND));
        Contact bobRenamed = new Contact(BOB, "Robert", Subscription.TO, true, List.of("Work", "Chess"));

        roster.saveContact(ALICE, bobRenamed);
        roster.saveContact(ALICE, CAROL_ASKED);

        assertThat(roster.roster(ALICE)).containsExactly(
                new Contact(BOB, "Robert", Subscription.TO, true, List.of("Chess", "Work")), CAROL_ASKED);

        roster.removeContact(ALICE, BOB);
        roster.removeContact(ALICE, DAVE);
        roster.removeContact(ALICE_WORK, CAROL);

        assertThat(roster.roster(ALICE)).containsExactly(CAROL_ASKED);
        assertThat(database.<Integer>read(c -> Integer.parseInt(
                MigratorTest.single(c, "SELECT count(*) FROM contact_group")))).isZero();
    }

    @Test
    void eachAccountHasItsOwnRoster() throws Exception {
        roster.replaceRoster(ALICE, List.of(BOB_FRIEND));
        roster.replaceRoster(ALICE_WORK, List.of(CAROL_ASKED));
        roster.replaceRoster(ALICE_WORK, List.of());

        assertThat(roster.roster(ALICE)).containsExactly(BOB_FRIEND);
        assertThat(roster.roster(ALICE_WORK)).isEmpty();
    }

    @Test
    void aRepeatedSubscriptionRequestKeepsTheFirst() throws Exception {
        SubscriptionRequest carolFirst = new SubscriptionRequest(ALICE, CAROL, "Caz", T0);
        SubscriptionRequest bob = new SubscriptionRequest(ALICE, BOB, null, T0.plusSeconds(5));
        roster.saveRequest(carolFirst);
        roster.saveRequest(bob);
        roster.saveRequest(new SubscriptionRequest(ALICE, CAROL, "Carol again", T0.plusSeconds(60)));
        roster.saveRequest(new SubscriptionRequest(ALICE_WORK, DAVE, null, T0));

        assertThat(roster.pendingRequests(ALICE)).containsExactly(carolFirst, bob);

        roster.removeRequest(ALICE, CAROL);
        roster.removeRequest(ALICE, DAVE);

        assertThat(roster.pendingRequests(ALICE)).containsExactly(bob);
        assertThat(roster.pendingRequests(ALICE_WORK)).hasSize(1);
    }
}
