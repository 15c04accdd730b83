package im.natter.domain.port;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import java.util.concurrent.CompletableFuture;

/**
 * The server's message archive (XEP-0313). Implemented by the xmpp layer. Only results that answer Natter's own
 * query and come from the archive's own address are returned; anything else is dropped at the edge.
 */
public interface HistoryPort {

    /** Whether the account's server keeps an archive; false until the account is connected. */
    boolean isSupported(AccountId account);

    /** Fetches one page; fails with a ConnectionFailedException-like cause when the connection goes away. */
    CompletableFuture<HistoryPage> fetch(HistoryQuery query);
}
