package im.natter.ui.room;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomRole;
import im.natter.testsupport.fakes.FakeRooms;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.ui.chat.ChatFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A signed-in account over the shared fakes, and a room with people in it. */
public final class RoomFixtures {

    public static final Address TEA = Address.of("tea@rooms.example.org");
    public static final ConversationKey TEA_KEY = new ConversationKey(FakeServices.ALICE, TEA, ConversationKind.ROOM);

    public final ChatFixtures chat;
    public final FakeServices fakes;
    public final List<ConversationKey> opened = new ArrayList<>();
    private int ids;

    public RoomFixtures() {
        this(Runnable::run);
    }

    public RoomFixtures(Executor fx) {
        chat = new ChatFixtures(fx);
        fakes = chat.fakes;
        fakes.connections.signIn(new AccountSettings(FakeServices.ALICE, "r", null, false, List.of()),
                "pw".toCharArray()).join();
    }

    public static Occupant person(String nick, RoomRole role, RoomAffiliation affiliation) {
        return new Occupant(TEA, nick, Address.of(nick.toLowerCase() + "@example.org"), "occ-" + nick, role,
                affiliation, Availability.AVAILABLE, null);
    }

    /** Bob (owner), Carol (member), Dave (participant), Eve (visitor). */
    public static List<Occupant> people() {
        return List.of(person("Bob", RoomRole.MODERATOR, RoomAffiliation.OWNER),
                person("carol", RoomRole.PARTICIPANT, RoomAffiliation.MEMBER),
                person("Dave", RoomRole.PARTICIPANT, RoomAffiliation.NONE),
                new Occupant(TEA, "eve", null, "occ-eve", RoomRole.VISITOR, RoomAffiliation.NONE,
                        Availability.AWAY, "lurking"));
    }

    /** Alice joins the tea room as "alice", with {@link #people()} in it. */
    public void joinTea() {
        fakes.fakeRooms.setOccupants(TEA, people());
        fakes.fakeRooms.setSubject(TEA, "Tea, biscuits and the odd cake");
        fakes.rooms.join(FakeServices.ALICE, TEA, "alice", null).join();
    }

    /** {@code nick} says {@code body} in the tea room. */
    public void says(String nick, String body) {
        String id = "m" + ++ids;
        fakes.fakeRooms.receive(FakeRooms.groupchat(FakeServices.ALICE, TEA, nick, "occ-" + nick, body, id,
                "s" + ids));
    }
}
