package im.natter.reliability;

import im.natter.testsupport.prosody.TestAccount;
import im.natter.testsupport.server.ServerKind;
import im.natter.testsupport.server.XmppServers;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The server's own archive (XEP-0313) of an account, read with a plain Smack client: when an end lost a message,
 * this tells whether the server still had it (Natter's catch-up missed it) or not (it never reached that archive).
 */
final class ServerArchive {

    private ServerArchive() {
    }

    /** Every body in {@code account}'s server archive of the conversation with {@code peer}, oldest first. */
    static List<String> bodies(XmppServers servers, ServerKind kind, TestAccount account, String peer) {
        XMPPTCPConnection audit = servers.connect(kind, account);
        try {
            MamManager mam = MamManager.getInstanceFor(audit);
            if (!mam.isSupported()) {
                return List.of();
            }
            var query = mam.queryArchive(MamManager.MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.entityBareFrom(peer)).setResultPageSizeTo(100).build());
            List<String> bodies = new ArrayList<>();
            query.getMessages().stream().map(Message::getBody).forEach(bodies::add);
            while (!query.isComplete()) {
                List<Message> page = query.pageNext(100);
                if (page.isEmpty()) {
                    break;
                }
                page.stream().map(Message::getBody).forEach(bodies::add);
            }
            return bodies;
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + account.jid() + "'s server archive: " + e, e);
        } finally {
            audit.disconnect();
        }
    }

    /** Which of {@code missing} bodies the server archive of {@code account} holds, in words for a failure. */
    static String whereAre(XmppServers servers, ServerKind kind, TestAccount account, String peer,
            List<String> missing) {
        if (missing.isEmpty()) {
            return "";
        }
        List<String> archived = bodies(servers, kind, account, peer);
        List<String> there = missing.stream().filter(archived::contains).toList();
        List<String> gone = missing.stream().filter(b -> !archived.contains(b)).toList();
        return account.username() + " lost " + missing + "; in " + account.username() + "'s server archive: "
                + there + "; not in it: " + gone;
    }
}
