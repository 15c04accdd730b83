package im.natter.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DhAesTransportTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void hkdfMatchesRfc5869WithoutSaltOrInfo() throws Exception {
        // RFC 5869, appendix A.3: the case the keyring uses (no salt, no info)
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertThat(HexFormat.of().formatHex(DhAesTransport.hkdfSha256(ikm, 42))).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void sharedValueIsPaddedToThePrimeLength() {
        byte[] padded = DhAesTransport.leftPad(new byte[] {1, 2, 3}, 128);
        assertThat(padded).hasSize(128);
        assertThat(Arrays.copyOfRange(padded, 125, 128)).containsExactly(1, 2, 3);
        assertThat(Arrays.copyOfRange(padded, 0, 125)).containsOnly(0);
    }

    @Test
    void twoEndsAgreeAndEncryptForEachOther() throws Exception {
        var client = new DhAesTransport(random);
        var service = new DhAesTransport(random);
        assertThat(client.publicKey()).hasSize(128);
        client.agree(service.publicKey());
        service.agree(client.publicKey());
        byte[][] sealed = client.encrypt("pässwörd".getBytes(StandardCharsets.UTF_8));
        assertThat(sealed[0]).hasSize(16);
        assertThat(sealed[1].length % 16).isZero();
        assertThat(new String(service.decrypt(sealed[0], sealed[1]), StandardCharsets.UTF_8)).isEqualTo("pässwörd");
        assertThat(client.encrypt(new byte[0])[1]).as("PKCS#7 pads even empty input").hasSize(16);
    }

    @Test
    void rejectsDegeneratePublicKeys() throws Exception {
        var client = new DhAesTransport(random);
        assertThatThrownBy(() -> client.agree(new byte[] {1})).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> client.agree(new byte[0])).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesToEncryptBeforeAgreement() throws Exception {
        var client = new DhAesTransport(random);
        assertThatThrownBy(() -> client.encrypt(new byte[] {1})).isInstanceOf(IllegalStateException.class);
    }
}
