package im.natter.xmpp.chat;

import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;

/** Adjusts Smack's element parsers where they throw away what Natter needs. Idempotent. */
public final class ExtensionProviders {

    static final String FALLBACK_NS = "urn:xmpp:fallback:0";

    private ExtensionProviders() {
    }

    public static synchronized void install() {
        Smack.ensureInitialized();
        // Smack parses XEP-0428 <fallback/> into a singleton without its 'for' attribute and <body start end/>
        // ranges, which are exactly what says how much of a reply's body is the quote to strip.
        ProviderManager.addExtensionProvider("fallback", FALLBACK_NS, StandardExtensionElementProvider.INSTANCE);
    }
}
