package im.natter.xmpp;

import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * How the xmpp layer connects. {@link #defaults()} is the product's; tests replace single parts.
 *
 * @param trustStore     trust anchors for server certificates; null means the JDK's default trust store
 * @param pingInterval   how often an idle connection is checked (XEP-0199)
 * @param replyTimeout   how long to wait for an answer from the server
 * @param connectTimeout how long to wait for the TCP connection
 * @param hostResolver   where to connect when an account has no explicit host
 * @param executor       runs connecting, signing in and other blocking work (never the caller's thread)
 * @param maxStanzaBytes the server's stanza size limit the adapter plans for
 * @param clock          for certificate validity wording
 */
public record XmppConfig(KeyStore trustStore, Duration pingInterval, Duration replyTimeout, Duration connectTimeout,
        HostResolver hostResolver, Executor executor, int maxStanzaBytes, Clock clock) {

    /** Prosody's and many servers' default c2s stanza limit. */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;

    public XmppConfig {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(hostResolver, "hostResolver");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(clock, "clock");
        if (maxStanzaBytes < 4096) {
            throw new IllegalArgumentException("maxStanzaBytes too small: " + maxStanzaBytes);
        }
    }

    public static XmppConfig defaults() {
        return new XmppConfig(null, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30),
                HostResolver.DNS_SRV, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("xmpp-", 0).factory()),
                DEFAULT_MAX_STANZA_BYTES, Clock.systemUTC());
    }

    public XmppConfig withTrustStore(KeyStore anchors) {
        return new XmppConfig(anchors, pingInterval, replyTimeout, connectTimeout, hostResolver, executor,
                maxStanzaBytes, clock);
    }

    public XmppConfig withPingInterval(Duration interval) {
        return new XmppConfig(trustStore, interval, replyTimeout, connectTimeout, hostResolver, executor,
                maxStanzaBytes, clock);
    }

    public XmppConfig withTimeouts(Duration reply, Duration connect) {
        return new XmppConfig(trustStore, pingInterval, reply, connect, hostResolver, executor, maxStanzaBytes,
                clock);
    }

    public XmppConfig withHostResolver(HostResolver resolver) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, resolver, executor,
                maxStanzaBytes, clock);
    }

    public XmppConfig withExecutor(Executor ex) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, hostResolver, ex,
                maxStanzaBytes, clock);
    }

    public XmppConfig withMaxStanzaBytes(int bytes) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, hostResolver, executor, bytes,
                clock);
    }
}
