package im.natter.ui.room;

import static im.natter.ui.room.RoomFixtures.TEA;
import static im.natter.ui.room.RoomFixtures.TEA_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomExit;
import im.natter.domain.model.RoomRole;
import im.natter.testsupport.fakes.FakeServices;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccupantListViewModelTest {

    private final RoomFixtures f = new RoomFixtures();

    private RoomViewModel open() {
        var vm = new RoomViewModel(f.chat.ui, TEA_KEY, 0, f.opened::add);
        vm.activate();
        return vm;
    }

    private static List<String> shown(OccupantListViewModel vm) {
        return vm.rows().stream().map(r -> switch (r) {
            case OccupantRow.Heading h -> "# " + h.title() + " " + h.count();
            case OccupantItem o -> o.nick() + (o.self() ? " (you)" : "") + (o.badge() == null ? "" : " [" + o.badge() + "]");
        }).toList();
    }

    @Test
    void peopleAreGroupedByRoleThenSortedByNicknameWithTheUserAmongThem() {
        f.joinTea();
        var vm = open().occupants();

        assertThat(shown(vm)).containsExactly(
                "# Moderators 1", "Bob [Owner]",
                "# Participants 3", "alice (you) [Member]", "carol [Member]", "Dave",
                "# Visitors 1", "eve");
        assertThat(vm.countProperty().get()).isEqualTo(5);
    }

    @Test
    void arrivalsDeparturesAndRoleChangesMoveRows() {
        f.joinTea();
        var vm = open().occupants();

        f.fakes.fakeRooms.occupantChanged(FakeServices.ALICE,
                RoomFixtures.person("Fay", RoomRole.PARTICIPANT, RoomAffiliation.NONE));
        f.fakes.fakeRooms.occupantChanged(FakeServices.ALICE,
                RoomFixtures.person("eve", RoomRole.PARTICIPANT, RoomAffiliation.NONE));
        f.fakes.fakeRooms.occupantLeft(FakeServices.ALICE,
                RoomFixtures.person("Dave", RoomRole.PARTICIPANT, RoomAffiliation.NONE), RoomExit.Kind.LEFT, null);

        assertThat(shown(vm)).containsExactly(
                "# Moderators 1", "Bob [Owner]",
                "# Participants 4", "alice (you) [Member]", "carol [Member]", "eve", "Fay");
    }

    private OccupantItem item(OccupantListViewModel vm, String nick) {
        return vm.rows().stream().filter(r -> r instanceof OccupantItem o && o.nick().equals(nick))
                .map(OccupantItem.class::cast).findFirst().orElseThrow();
    }

    @Test
    void aMemberMayOnlyMessageOthersPrivately() {
        f.joinTea();
        var vm = open().occupants();

        assertThat(vm.actionsFor(item(vm, "Dave"))).containsExactly(OccupantAction.MESSAGE_PRIVATELY);
        assertThat(vm.actionsFor(item(vm, "alice"))).isEmpty();
    }

    @Test
    void anOwnerGetsTheFullMenuForThoseBelow() {
        f.fakes.fakeRooms.setOccupants(TEA, RoomFixtures.people());
        f.fakes.fakeRooms.createNext(TEA);
        f.fakes.rooms.join(FakeServices.ALICE, TEA, "alice", null).join();
        var vm = open().occupants();

        assertThat(vm.actionsFor(item(vm, "Dave"))).containsExactly(OccupantAction.MESSAGE_PRIVATELY,
                OccupantAction.REVOKE_VOICE, OccupantAction.MAKE_MEMBER, OccupantAction.MAKE_MODERATOR,
                OccupantAction.MAKE_ADMIN, OccupantAction.KICK, OccupantAction.BAN);
        // eve's real address is hidden: no affiliations for her, but voice and a kick
        assertThat(vm.actionsFor(item(vm, "eve"))).containsExactly(OccupantAction.MESSAGE_PRIVATELY,
                OccupantAction.GRANT_VOICE, OccupantAction.MAKE_MODERATOR, OccupantAction.KICK);
        // a fellow owner is out of reach
        assertThat(vm.actionsFor(item(vm, "Bob"))).containsExactly(OccupantAction.MESSAGE_PRIVATELY);
    }

    @Test
    void kickAndBanCarryTheReasonAndAPrivateMessageOpensItsOwnConversation() {
        f.fakes.fakeRooms.setOccupants(TEA, RoomFixtures.people());
        f.fakes.fakeRooms.createNext(TEA);
        f.fakes.rooms.join(FakeServices.ALICE, TEA, "alice", null).join();
        var vm = open().occupants();

        assertThat(vm.perform(OccupantAction.KICK, item(vm, "Dave"), " too loud ").join()).isTrue();
        assertThat(vm.perform(OccupantAction.BAN, item(vm, "carol"), "").join()).isTrue();
        assertThat(vm.perform(OccupantAction.GRANT_VOICE, item(vm, "eve"), null).join()).isTrue();
        assertThat(f.fakes.fakeRooms.calls()).anyMatch(c -> c.contains("Dave") && c.contains("too loud"))
                .anyMatch(c -> c.contains("carol@example.org") && c.contains("OUTCAST"))
                .anyMatch(c -> c.contains("eve") && c.contains("PARTICIPANT"));

        vm.perform(OccupantAction.MESSAGE_PRIVATELY, item(vm, "Dave"), null).join();
        assertThat(f.opened).hasSize(1);
        assertThat(f.opened.getFirst().kind()).isEqualTo(ConversationKind.ROOM_PRIVATE);
        assertThat(f.opened.getFirst().peer().value()).isEqualTo(TEA.value() + "/Dave");
    }
}
