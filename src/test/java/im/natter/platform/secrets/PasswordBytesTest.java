package im.natter.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordBytesTest {

    @Test
    void utf8RoundTrip() throws Exception {
        char[] password = "pässwörd ✓ 😀".toCharArray();
        byte[] bytes = PasswordBytes.encode(password);
        assertThat(bytes).isEqualTo("pässwörd ✓ 😀".getBytes(StandardCharsets.UTF_8));
        assertThat(PasswordBytes.decode(bytes)).containsExactly(password);
        PasswordBytes.wipe(bytes);
        assertThat(bytes).containsOnly(0);
    }

    @Test
    void utf16LittleEndianForWindows() throws Exception {
        byte[] bytes = PasswordBytes.encode("ab".toCharArray(), StandardCharsets.UTF_16LE);
        assertThat(bytes).containsExactly('a', 0, 'b', 0);
        assertThat(PasswordBytes.decode(bytes, StandardCharsets.UTF_16LE)).containsExactly('a', 'b');
    }

    @Test
    void brokenInputIsRefusedNotMangled() {
        assertThatThrownBy(() -> PasswordBytes.encode(new char[] {'a', '\uD800'}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordBytes.decode(new byte[] {(byte) 0xC3}))
                .isInstanceOf(CharacterCodingException.class);
    }
}
