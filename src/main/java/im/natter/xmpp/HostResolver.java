package im.natter.xmpp;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Finds the server for an XMPP domain when the account has no explicit host. Empty means "look it up in DNS
 * (SRV records, then the domain itself)", which is what the product does; tests map a domain to loopback.
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver DNS_SRV = domain -> Optional.empty();

    Optional<InetSocketAddress> resolve(String domain);
}
