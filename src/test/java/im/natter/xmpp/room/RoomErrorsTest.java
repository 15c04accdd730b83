package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

class RoomErrorsTest {

    private static StanzaError error(StanzaError.Condition condition, String text) {
        var b = StanzaError.getBuilder(condition);
        if (text != null) {
            b.setDescriptiveEnText(text);
        }
        return b.build();
    }

    @Test
    void aRefusedJoinSaysWhy() {
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.not_authorized, null)).problem())
                .isEqualTo(RoomProblem.WRONG_PASSWORD);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.forbidden, null)).problem())
                .isEqualTo(RoomProblem.BANNED);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.conflict, null)).problem())
                .isEqualTo(RoomProblem.NICK_TAKEN);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.registration_required, null)).problem())
                .isEqualTo(RoomProblem.MEMBERS_ONLY);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.item_not_found, null)).problem())
                .isEqualTo(RoomProblem.NOT_FOUND);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.not_allowed, null)).problem())
                .isEqualTo(RoomProblem.CREATION_REFUSED);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.service_unavailable, null)).problem())
                .isEqualTo(RoomProblem.ROOM_FULL);
        assertThat(RoomErrors.ofJoin(error(StanzaError.Condition.undefined_condition, null)).problem())
                .isEqualTo(RoomProblem.OTHER);
    }

    @Test
    void theRoomsOwnWordsAreAppended() {
        RoomException e = RoomErrors.ofJoin(error(StanzaError.Condition.forbidden, "You have been banned"));
        assertThat(e.getMessage()).isEqualTo(RoomProblem.BANNED.text() + " The room said: You have been banned");
    }

    @Test
    void forbiddenForSomeoneInsideMeansNoRights() {
        assertThat(RoomErrors.ofAction(error(StanzaError.Condition.forbidden, null)).problem())
                .isEqualTo(RoomProblem.NOT_ALLOWED);
        assertThat(RoomErrors.ofAction(error(StanzaError.Condition.item_not_found, null)).problem())
                .isEqualTo(RoomProblem.NOT_FOUND);
    }
}
