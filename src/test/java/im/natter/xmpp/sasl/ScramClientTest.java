package im.natter.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScramClientTest {

    // RFC 7677, section 3.
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void matchesTheRfc7677TestVector() throws Exception {
        ScramClient client = new ScramClient("SHA-256", "user", CLIENT_NONCE);
        assertThat(client.clientFirstMessage()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(client.clientFinalMessage(SERVER_FIRST, "pencil")).isEqualTo(CLIENT_FINAL);
        client.verifyServerFinal(SERVER_FINAL);
    }

    @Test
    void matchesTheRfc5802Sha1TestVector() throws Exception {
        ScramClient client = new ScramClient("SHA-1", "user", "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(client.clientFinalMessage(
                "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096", "pencil"))
                .isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void refusesAServerThatCannotProveThePassword() throws Exception {
        ScramClient client = new ScramClient("SHA-256", "user", CLIENT_NONCE);
        client.clientFinalMessage(SERVER_FIRST, "pencil");
        assertThatThrownBy(() -> client.verifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                .isInstanceOf(ScramClient.ScramException.class);
        assertThatThrownBy(() -> client.verifyServerFinal("e=invalid-proof"))
                .hasMessageContaining("invalid-proof");
    }

    @Test
    void refusesANonceThatDoesNotContinueOurs() {
        ScramClient client = new ScramClient("SHA-256", "user", CLIENT_NONCE);
        assertThatThrownBy(() -> client.clientFinalMessage("r=somethingElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "pw"))
                .isInstanceOf(ScramClient.ScramException.class);
    }

    @Test
    void escapesCommaAndEqualsInTheUserName() {
        assertThat(new ScramClient("SHA-256", "a,b=c", "n").clientFirstMessage()).isEqualTo("n,,n=a=2Cb=3Dc,r=n");
    }

    @Test
    void mechanismIsPreferredOverScramSha1() {
        assertThat(ScramSha256Mechanism.PRIORITY).isLessThan(110);
        assertThat(new ScramSha256Mechanism().getName()).isEqualTo("SCRAM-SHA-256");
    }
}
