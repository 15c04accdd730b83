package im.natter.ui.room;

import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.Occupant;
import im.natter.domain.model.RoomAffiliation;
import im.natter.domain.model.RoomRole;
import im.natter.domain.model.RoomSnapshot;
import im.natter.ui.UiServices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The people in a room, grouped by role (Moderators, Participants, Visitors), each group by nickname; and what the
 * user may do to each of them, by the user's own role and affiliation. Called on the FX thread.
 */
public final class OccupantListViewModel {

    static final Comparator<Occupant> BY_NICK = Comparator
            .comparing((Occupant o) -> o.nick().toLowerCase(Locale.ROOT)).thenComparing(Occupant::nick);

    private final UiServices services;
    private final ConversationKey room;
    private final Consumer<ConversationKey> onOpen;
    private final ObservableList<OccupantRow> rows = FXCollections.observableArrayList();
    private final ObservableList<OccupantRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private Occupant self;
    private List<Occupant> others = List.of();

    public OccupantListViewModel(UiServices services, ConversationKey room, Consumer<ConversationKey> onOpen) {
        this.services = services;
        this.room = room;
        this.onOpen = onOpen;
    }

    public ObservableList<OccupantRow> rows() {
        return rowsView;
    }

    /** Everyone in the room, the user included. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Why the last action failed, in words, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void dismissError() {
        error.set("");
    }

    /** The room as it is now. */
    void update(RoomSnapshot snapshot) {
        self = snapshot.self();
        others = snapshot.occupants();
        List<OccupantRow> next = new ArrayList<>();
        addGroup(next, "Moderators", RoomRole.MODERATOR);
        addGroup(next, "Participants", RoomRole.PARTICIPANT);
        addGroup(next, "Visitors", RoomRole.VISITOR);
        count.set(others.size() + (self != null ? 1 : 0));
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    /** Out of the room: nobody to show. */
    void clear() {
        self = null;
        others = List.of();
        rows.clear();
        count.set(0);
    }

    private void addGroup(List<OccupantRow> out, String title, RoomRole role) {
        List<Occupant> members = new ArrayList<>();
        for (Occupant o : others) {
            if (o.role() == role) {
                members.add(o);
            }
        }
        if (self != null && self.role() == role) {
            members.add(self);
        }
        if (members.isEmpty()) {
            return;
        }
        members.sort(BY_NICK);
        out.add(new OccupantRow.Heading(title, members.size()));
        for (Occupant o : members) {
            out.add(new OccupantItem(o, o == self));
        }
    }

    /** The nicknames of everyone else, for completion. */
    List<String> nicks() {
        return others.stream().sorted(BY_NICK).map(Occupant::nick).toList();
    }

    /** What the user may do to {@code item}, in menu order; empty for the user's own row. */
    public Set<OccupantAction> actionsFor(OccupantItem item) {
        Set<OccupantAction> actions = EnumSet.noneOf(OccupantAction.class);
        if (self == null || item.self()) {
            return actions;
        }
        Occupant target = item.occupant();
        if (RoomPermissions.canMessagePrivately(self, target)) {
            actions.add(OccupantAction.MESSAGE_PRIVATELY);
        }
        if (RoomPermissions.canGrantVoice(self, target)) {
            actions.add(OccupantAction.GRANT_VOICE);
        }
        if (RoomPermissions.canRevokeVoice(self, target)) {
            actions.add(OccupantAction.REVOKE_VOICE);
        }
        if (RoomPermissions.canMakeMember(self, target)) {
            actions.add(OccupantAction.MAKE_MEMBER);
        }
        if (RoomPermissions.canMakeModerator(self, target)) {
            actions.add(OccupantAction.MAKE_MODERATOR);
        }
        if (RoomPermissions.canRevokeModerator(self, target)) {
            actions.add(OccupantAction.REVOKE_MODERATOR);
        }
        if (RoomPermissions.canMakeAdmin(self, target)) {
            actions.add(OccupantAction.MAKE_ADMIN);
        }
        if (RoomPermissions.canKick(self, target)) {
            actions.add(OccupantAction.KICK);
        }
        if (RoomPermissions.canBan(self, target)) {
            actions.add(OccupantAction.BAN);
        }
        return actions;
    }

    /**
     * Does {@code action} to {@code item}; {@code reason} (kick, ban) may be blank. Completes on the FX thread with
     * true when the room agreed; otherwise {@link #errorProperty} says why.
     */
    public CompletableFuture<Boolean> perform(OccupantAction action, OccupantItem item, String reason) {
        error.set("");
        Occupant o = item.occupant();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        var rooms = services.rooms();
        if (action == OccupantAction.MESSAGE_PRIVATELY) {
            onOpen.accept(rooms.openPrivate(room, o.nick()));
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Void> done = switch (action) {
            case GRANT_VOICE -> rooms.setRole(room, o.nick(), RoomRole.PARTICIPANT, why);
            case REVOKE_VOICE -> rooms.setRole(room, o.nick(), RoomRole.VISITOR, why);
            case MAKE_MODERATOR -> rooms.setRole(room, o.nick(), RoomRole.MODERATOR, why);
            case REVOKE_MODERATOR -> rooms.setRole(room, o.nick(), RoomRole.PARTICIPANT, why);
            case MAKE_MEMBER -> rooms.setAffiliation(room, o.realAddress(), RoomAffiliation.MEMBER, why);
            case MAKE_ADMIN -> rooms.setAffiliation(room, o.realAddress(), RoomAffiliation.ADMIN, why);
            case KICK -> rooms.kick(room, o.nick(), why);
            case BAN -> rooms.ban(room, o.realAddress(), why);
            case MESSAGE_PRIVATELY -> throw new IllegalStateException();
        };
        var result = new CompletableFuture<Boolean>();
        done.whenCompleteAsync((ok, e) -> {
            if (e != null) {
                error.set(RoomErrors.text(e));
            }
            result.complete(e == null);
        }, services.fx());
        return result;
    }
}
