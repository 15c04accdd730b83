package im.natter.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.SelfPingResult;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.Test;

/** XEP-0410 §3: which error answers to a self-ping still mean "joined". */
class SelfPingResultsTest {

    private static SelfPingResult of(Condition condition) {
        return RoomAdapter.selfPingResult(StanzaError.getBuilder(condition).build());
    }

    @Test
    void answersThatMeanStillJoined() {
        assertThat(of(Condition.service_unavailable)).isEqualTo(SelfPingResult.JOINED);
        assertThat(of(Condition.feature_not_implemented)).isEqualTo(SelfPingResult.JOINED);
        assertThat(of(Condition.item_not_found)).isEqualTo(SelfPingResult.JOINED);
    }

    @Test
    void answersThatMeanRejoin() {
        assertThat(of(Condition.not_acceptable)).isEqualTo(SelfPingResult.NOT_JOINED);
        assertThat(of(Condition.forbidden)).isEqualTo(SelfPingResult.NOT_JOINED);
    }

    @Test
    void answersThatDecideNothing() {
        assertThat(of(Condition.remote_server_not_found)).isEqualTo(SelfPingResult.UNKNOWN);
        assertThat(of(Condition.remote_server_timeout)).isEqualTo(SelfPingResult.UNKNOWN);
    }
}
