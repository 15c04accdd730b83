package im.natter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.Address;
import im.natter.domain.model.MessageSize;
import im.natter.domain.model.ServerEndpoint;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void userAddressesNeedAnAt() {
        assertThat(Address.checkUser("alice")).contains("@");
        assertThat(Address.checkUser("")).isNotNull();
        assertThat(Address.checkUser("@example.org")).contains("before the @");
        assertThat(Address.checkUser("alice@")).contains("after the @");
        assertThat(Address.checkUser("al ice@example.org")).contains("spaces");
        assertThat(Address.checkUser("a@b@c")).contains("only one @");
        assertThat(Address.checkUser("alice@example.org")).isNull();
    }

    @Test
    void addressesAreBareAndCaseFolded() {
        assertThat(Address.of(" Alice@Example.ORG/laptop ").value()).isEqualTo("alice@example.org");
        assertThat(Address.of("alice@example.org").localpart()).contains("alice");
        assertThat(Address.of("example.org").localpart()).isEmpty();
        assertThat(Address.of("example.org").domain()).isEqualTo("example.org");
    }

    @Test
    void portsAreChecked() {
        assertThat(ServerEndpoint.checkPort("5222")).isNull();
        assertThat(ServerEndpoint.checkPort("")).isNull();
        assertThat(ServerEndpoint.checkPort("0")).isNotNull();
        assertThat(ServerEndpoint.checkPort("70000")).isNotNull();
        assertThat(ServerEndpoint.checkPort("http")).isNotNull();
    }

    @Test
    void wireSizeCountsEscapingAndUtf8() {
        assertThat(MessageSize.wireBytes("abc")).isEqualTo(3);
        assertThat(MessageSize.wireBytes("<&>")).isEqualTo(13);
        assertThat(MessageSize.wireBytes("é")).isEqualTo(2);
        assertThat(MessageSize.wireBytes("€")).isEqualTo(3);
        assertThat(MessageSize.wireBytes("😀")).isEqualTo(4);
    }
}
