package im.natter.app;

import im.natter.domain.port.SecretStore;
import im.natter.platform.DataDirectory;
import im.natter.service.ReconnectPolicy;
import im.natter.testsupport.server.XmppTestServer;
import im.natter.xmpp.XmppConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The application's options as a test against a local Prosody or ejabberd needs them: what a loopback machine lacks is
 * injected (the test CA as trust store, a stub for the SRV lookup, short reconnect timings); everything else is
 * the product's default.
 */
final class TestAppOptions {

    private TestAppOptions() {
    }

    static AppContext.Options against(XmppTestServer server, Path dataDir, SecretStore secrets) throws Exception {
        XmppConfig xmpp = XmppConfig.defaults().withTrustStore(server.trustStore())
                .withHostResolver(domain -> domain.equals(server.domain())
                        ? Optional.of(new InetSocketAddress(server.host(), server.c2sPort()))
                        : Optional.empty());
        return new AppContext.Options(DataDirectory.create(dataDir), xmpp, secrets,
                new ReconnectPolicy(Duration.ofMillis(300), Duration.ofSeconds(2), 0, () -> 0.5),
                Clock.systemDefaultZone());
    }
}
