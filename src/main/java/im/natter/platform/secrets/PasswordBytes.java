package im.natter.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Conversions of passwords to and from bytes that never pass through a String, so every copy can be wiped. */
final class PasswordBytes {

    private PasswordBytes() {
    }

    static byte[] encode(char[] password) {
        return encode(password, StandardCharsets.UTF_8);
    }

    static char[] decode(byte[] bytes) throws CharacterCodingException {
        return decode(bytes, StandardCharsets.UTF_8);
    }

    static byte[] encode(char[] password, Charset charset) {
        try {
            ByteBuffer buffer = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
            byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
            Arrays.fill(buffer.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The password contains a broken character (a lone surrogate).", e);
        }
    }

    static char[] decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        CharBuffer buffer = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        char[] chars = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), '\0');
        return chars;
    }

    static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
