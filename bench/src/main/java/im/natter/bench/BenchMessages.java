package im.natter.bench;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Incoming messages as the chat layer hands them to the archive: a stanza-id from the account's own server, so
 * the archive's dedupe index is in play exactly as for live traffic. Bodies are drawn from a fixed vocabulary
 * with a fixed seed, so every run builds the same archive.
 */
final class BenchMessages {

    static final AccountId ACCOUNT = AccountId.of("alice@example.org");
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** Appears in about one message in eight (each body draws 8 of 64 words): a search with many hits. */
    static final String COMMON_WORD = "coffee";
    /** Put into every 1,000th message only: a search with few hits. */
    static final String RARE_WORD = "zeppelin";

    private static final String[] WORDS = ("""
            the and you that was for are with his they this have from one had word but not what all were
            when your can said there use each which she how their will other about out many then them these
            some her would make like him into time has look two more write see number way could people coffee
            """).strip().split("\\s+");

    private final SplittableRandom random = new SplittableRandom(42);

    private BenchMessages() {
    }

    static BenchMessages seeded() {
        return new BenchMessages();
    }

    static Address peer(int i) {
        return Address.of("contact" + i + "@example.net");
    }

    static ConversationKey chatWith(int i) {
        return ConversationKey.chat(ACCOUNT, peer(i));
    }

    /** Message number {@code n} (unique stanza-id), arriving {@code n} seconds after {@link #T0}. */
    ChatMessage incoming(ConversationKey conversation, long n) {
        return incoming(conversation, n, null);
    }

    /** {@link #incoming(ConversationKey, long)} with the sender's origin-id, as a modern client sends it. */
    ChatMessage incoming(ConversationKey conversation, long n, String originId) {
        Instant at = T0.plusSeconds(n);
        return new ChatMessage(0, conversation, Direction.INCOMING, conversation.peer(), null, body(n),
                ContentKind.TEXT, originId, "sid-" + n, ACCOUNT.address().value(), at, at, DeliveryState.RECEIVED,
                null);
    }

    private String body(long n) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 8; w++) {
            if (w > 0) {
                body.append(' ');
            }
            body.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (n % 1000 == 0) {
            body.append(' ').append(RARE_WORD);
        }
        return body.toString();
    }
}
