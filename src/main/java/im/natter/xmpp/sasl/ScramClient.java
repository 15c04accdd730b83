package im.natter.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM exchange (RFC 5802) over a chosen hash, without channel binding. Kept free of
 * Smack so it can be checked against the RFC test vectors.
 */
public final class ScramClient {

    private static final String GS2_HEADER = "n,,";

    private final String hashName;
    private final String hmacName;
    private final String clientNonce;
    private final String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param hashName    "SHA-256" or "SHA-1"
     * @param username    the authentication identity as the server knows it
     * @param clientNonce printable ASCII without ','
     */
    public ScramClient(String hashName, String username, String clientNonce) {
        this.hashName = hashName;
        this.hmacName = "Hmac" + hashName.replace("-", "");
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + escape(prep(username)) + ",r=" + clientNonce;
    }

    public String clientFirstMessage() {
        return GS2_HEADER + clientFirstBare;
    }

    /** Answers the server-first-message with the client-final-message (which carries the proof). */
    public String clientFinalMessage(String serverFirst, String password) throws ScramException {
        Map<Character, String> attrs = attributes(serverFirst);
        String nonce = attrs.get('r');
        String salt = attrs.get('s');
        String iterationText = attrs.get('i');
        if (attrs.containsKey('m')) {
            throw new ScramException("The server asked for a SCRAM extension Natter does not know.");
        }
        if (nonce == null || salt == null || iterationText == null) {
            throw new ScramException("The server's SCRAM challenge is incomplete.");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new ScramException("The server's SCRAM nonce does not continue ours.");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationText);
        } catch (NumberFormatException e) {
            throw new ScramException("The server's SCRAM iteration count is not a number.");
        }
        if (iterations < 1) {
            throw new ScramException("The server's SCRAM iteration count is not positive.");
        }
        try {
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII))
                    + ",r=" + nonce;
            byte[] authMessage = utf8(clientFirstBare + "," + serverFirst + "," + withoutProof);
            byte[] salted = hi(utf8(prep(password)), Base64.getDecoder().decode(salt), iterations);
            byte[] clientKey = hmac(salted, utf8("Client Key"));
            byte[] storedKey = MessageDigest.getInstance(hashName).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, utf8("Server Key")), authMessage);
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ScramException("SCRAM computation failed: " + e.getMessage());
        }
    }

    /** Whether {@link #clientFinalMessage} has run, i.e. the next server message is the final one. */
    public boolean hasAnswered() {
        return expectedServerSignature != null;
    }

    /** Checks the server-final-message, which proves the server knew the password too. */
    public void verifyServerFinal(String serverFinal) throws ScramException {
        Map<Character, String> attrs = attributes(serverFinal);
        if (attrs.containsKey('e')) {
            throw new ScramException("The server refused the sign-in: " + attrs.get('e'));
        }
        String v = attrs.get('v');
        if (expectedServerSignature == null || v == null
                || !MessageDigest.isEqual(expectedServerSignature, decode(v))) {
            throw new ScramException("The server could not prove it knows the password.");
        }
    }

    private static byte[] decode(String b64) throws ScramException {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ScramException("The server's SCRAM signature is not valid Base64.");
        }
    }

    private byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        byte[] u = hmac(password, block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(password, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmacName);
        mac.init(new SecretKeySpec(key, hmacName));
        return mac.doFinal(data);
    }

    private static Map<Character, String> attributes(String message) throws ScramException {
        Map<Character, String> attrs = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw new ScramException("The server's SCRAM message is malformed.");
            }
            attrs.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return attrs;
    }

    // SASLprep is approximated by NFKC, as Smack's own SCRAM does.
    private static String prep(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static String escape(String s) {
        return s.replace("=", "=3D").replace(",", "=2C");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A SCRAM exchange cannot go on. */
    public static final class ScramException extends Exception {
        public ScramException(String message) {
            super(message);
        }
    }
}
