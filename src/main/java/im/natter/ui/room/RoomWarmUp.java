package im.natter.ui.room;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.RoomSnapshot;
import im.natter.domain.model.RoomStatus;
import im.natter.ui.UiServices;
import im.natter.ui.chat.ChatWarmUp;
import im.natter.ui.fx.IdleWarmUp;
import im.natter.ui.fx.Unfolding;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/**
 * A room view over a made-up room that is never shown, for {@link IdleWarmUp}: its people arrive a few a frame,
 * then its messages one a frame, hidden in the window, so that the first real room finds the occupant rows' and the
 * room rows' styles looked up and their skins made. Touches no service: the room is no one's and never activated.
 */
public final class RoomWarmUp implements IdleWarmUp.Sample {

    private static final Address ROOM = Address.of("sample-room@natter.invalid");
    private static final AccountId ACCOUNT = ChatWarmUp.SAMPLE_ACCOUNT;
    private static final String NICK = "me";
    private static final int PEOPLE = 40;
    private static final int PEOPLE_A_FRAME = 8;

    private final RoomViewModel vm;
    private final RoomView view;
    private final List<Occupant> people;
    private final List<ChatMessage> messages;
    private final Unfolding parts;
    private int peopleShown;
    private int messagesShown;

    private RoomWarmUp(RoomViewModel vm, RoomView view, List<Occupant> people, List<ChatMessage> messages) {
        this.vm = vm;
        this.view = view;
        this.people = people;
        this.messages = messages;
        this.parts = new Unfolding(view);
    }

    /** A room of {@value #PEOPLE} people in every role, with a badge or two, and a few of them talking. */
    public static RoomWarmUp sample(UiServices services) {
        ConversationKey key = new ConversationKey(ACCOUNT, ROOM, ConversationKind.ROOM);
        RoomViewModel vm = new RoomViewModel(services, key, 0, k -> { });
        RoomView view = IdleWarmUp.withoutIds(new RoomView(vm));
        // the parts a view brings in after its first frame are not in it yet
        IdleWarmUp.withoutIds(view.chatView());
        IdleWarmUp.withoutIds(view.chatView().composerPart());
        IdleWarmUp.withoutIds(view.occupantPane());
        List<Occupant> people = new ArrayList<>();
        RoomRole[] roles = {RoomRole.MODERATOR, RoomRole.PARTICIPANT, RoomRole.PARTICIPANT, RoomRole.VISITOR};
        RoomAffiliation[] affiliations = {RoomAffiliation.ADMIN, RoomAffiliation.MEMBER, RoomAffiliation.NONE,
            RoomAffiliation.NONE};
        Availability[] availabilities = Availability.values();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(new Occupant(ROOM, "Person " + i, null, "sample-" + i, roles[i % roles.length],
                    affiliations[i % affiliations.length], availabilities[i % availabilities.length],
                    i % 5 == 0 ? "Around" : null));
        }
        var messages = ChatWarmUp.messages(key, List.of("Person 1", "Person 2", "Person 3"));
        // the classes of an occupant row load here, on the builder's thread
        var cell = new OccupantCell(item -> null);
        cell.updateItem(new OccupantItem(people.get(1), false), false);
        return new RoomWarmUp(vm, view, people, messages);
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public boolean step() {
        if (parts.next()) {
            return true;
        }
        if (peopleShown < people.size()) {
            // the first row alone: styled cold, it costs as much as eight warm ones
            peopleShown = Math.min(people.size(), peopleShown + (peopleShown == 0 ? 1 : PEOPLE_A_FRAME));
            vm.showSample(snapshot(people.subList(0, peopleShown)));
            return true;
        }
        if (messagesShown < messages.size()) {
            vm.timeline().showSample(messages.get(messagesShown++));
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        view.close();
    }

    private static RoomSnapshot snapshot(List<Occupant> people) {
        Occupant self = new Occupant(ROOM, NICK, ACCOUNT.address(), "sample-me", RoomRole.MODERATOR,
                RoomAffiliation.OWNER, Availability.AVAILABLE, null);
        return new RoomSnapshot(ACCOUNT, ROOM, RoomStatus.JOINED, NICK, self, people, "A sample room", null,
                NotificationLevel.ALL, null);
    }
}
