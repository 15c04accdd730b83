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
 * @param pingInterval     how long the server may stay silent before Natter checks it is still there (XEP-0199)
 * @param replyTimeout     how long to wait for an answer from the server
 * @param connectTimeout how long to wait for the TCP connection
 * @param hostResolver   where to connect when an account has no explicit host
 * @param executor       runs connecting, signing in and other blocking work (never the caller's thread)
 * @param maxStanzaBytes the server's stanza size limit the adapter plans for
 * @param clock          for certificate validity wording
 * @param keepAliveTimeout how long the answer to a keep-alive ping may take before the connection counts as dead;
 *                         kept apart from {@code replyTimeout} so a dead link is noticed within a minute while slow
 *                         requests (a big archive page) still get their time
 */
public record XmppConfig(KeyStore trustStore, Duration pingInterval, Duration replyTimeout, Duration connectTimeout,
        HostResolver hostResolver, Executor executor, int maxStanzaBytes, Clock clock, Duration keepAliveTimeout) {

    /** Prosody's and many servers' default c2s stanza limit. */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;

    public XmppConfig {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(hostResolver, "hostResolver");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        if (pingInterval.isNegative() || pingInterval.isZero() || keepAliveTimeout.isNegative()
                || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("pingInterval and keepAliveTimeout must be positive");
        }
        if (maxStanzaBytes < 4096) {
            throw new IllegalArgumentException("maxStanzaBytes too small: " + maxStanzaBytes);
        }
    }

    public static XmppConfig defaults() {
        // 30 s of silence plus 20 s for the ping's answer: a dead link is noticed within a minute.
        return new XmppConfig(null, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
                HostResolver.DNS_SRV, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("xmpp-", 0).factory()),
                DEFAULT_MAX_STANZA_BYTES, Clock.systemUTC(), Duration.ofSeconds(20));
    }

    public XmppConfig withTrustStore(KeyStore anchors) {
        return new XmppConfig(anchors, pingInterval, replyTimeout, connectTimeout, hostResolver, executor,
                maxStanzaBytes, clock, keepAliveTimeout);
    }

    public XmppConfig withPingInterval(Duration interval) {
        return new XmppConfig(trustStore, interval, replyTimeout, connectTimeout, hostResolver, executor,
                maxStanzaBytes, clock, keepAliveTimeout);
    }

    public XmppConfig withTimeouts(Duration reply, Duration connect) {
        return new XmppConfig(trustStore, pingInterval, reply, connect, hostResolver, executor, maxStanzaBytes,
                clock, keepAliveTimeout);
    }

    public XmppConfig withHostResolver(HostResolver resolver) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, resolver, executor,
                maxStanzaBytes, clock, keepAliveTimeout);
    }

    public XmppConfig withExecutor(Executor ex) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, hostResolver, ex,
                maxStanzaBytes, clock, keepAliveTimeout);
    }

    public XmppConfig withMaxStanzaBytes(int bytes) {
        return new XmppConfig(trustStore, pingInterval, replyTimeout, connectTimeout, hostResolver, executor, bytes,
                clock, keepAliveTimeout);
    }

    /** How long the server may be silent before a ping, and how long that ping's answer may take. */
    public XmppConfig withKeepAlive(Duration interval, Duration timeout) {
        return new XmppConfig(trustStore, interval, replyTimeout, connectTimeout, hostResolver, executor,
                maxStanzaBytes, clock, timeout);
    }
}
