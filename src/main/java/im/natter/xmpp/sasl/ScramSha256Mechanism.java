package im.natter.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/** SCRAM-SHA-256 (RFC 7677) for Smack 4.5, which ships only SCRAM-SHA-1. */
public final class ScramSha256Mechanism extends SASLMechanism {

    public static final String NAME = "SCRAM-SHA-256";

    /** Lower is preferred; Smack's SCRAM-SHA-1 is 110. */
    static final int PRIORITY = 105;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/!#$%&()*-.:;<>?@[]^_{|}~";

    private ScramClient client;
    private boolean serverVerified;

    /** Registers the mechanism with Smack once per JVM. */
    public static synchronized void register() {
        if (!SASLAuthentication.isSaslMechanismRegistered(NAME)) {
            SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        }
    }

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("CallbackHandler not supported");
    }

    @Override
    protected byte[] getAuthenticationText() {
        client = new ScramClient("SHA-256", authenticationId, nonce());
        return client.clientFirstMessage().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String text = new String(challenge, StandardCharsets.UTF_8);
        try {
            if (!client.hasAnswered()) {
                return client.clientFinalMessage(text, password).getBytes(StandardCharsets.UTF_8);
            }
            client.verifyServerFinal(text);
            serverVerified = true;
            return null;
        } catch (ScramClient.ScramException e) {
            throw new SmackSaslException(e.getMessage());
        }
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!serverVerified) {
            throw new SmackSaslException("SCRAM-SHA-256: the server did not prove it knows the password");
        }
    }

    @Override
    public boolean authzidSupported() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }

    private static String nonce() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
        }
        return sb.toString();
    }
}
