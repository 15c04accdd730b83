package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ConnectionFailedException;
import im.natter.domain.model.ConnectionProblem;
import im.natter.domain.model.HistoryPage;
import im.natter.domain.model.HistoryQuery;
import im.natter.domain.model.InboundMessage;
import im.natter.domain.port.ChatPort;
import im.natter.domain.port.HistoryPort;
import im.natter.xmpp.chat.ArchivedMessages;
import im.natter.xmpp.chat.StanzaErrors;
import im.natter.xmpp.room.RoomMessages;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.IQReplyFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamFinIQ;
import org.jivesoftware.smackx.mam.element.MamQueryIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.rsm.packet.RSMSet;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The account's server archive (XEP-0313) with result set management (XEP-0059). The query is built here rather
 * than through {@code MamManager.queryArchive}, which hides where each result came from: every result is checked
 * against Natter's own queryid and the archive's address before it is believed.
 */
public final class HistoryAdapter implements HistoryPort {

    private static final System.Logger LOG = System.getLogger(HistoryAdapter.class.getName());

    private final XmppSessions sessions;

    public HistoryAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        sessions.addHook(new SessionHook() {
            @Override
            public void created(Session session) {
                // nothing to listen to: results are collected per query
            }

            @Override
            public void authenticated(Session session, boolean resumed) {
                if (!resumed || session.archiveSupported == null) {
                    session.archiveSupported = discover(session);
                }
            }
        });
    }

    @Override
    public boolean isSupported(AccountId account) {
        Session s = sessions.get(account);
        return s != null && Boolean.TRUE.equals(s.archiveSupported);
    }

    @Override
    public CompletableFuture<HistoryPage> fetch(HistoryQuery query) {
        CompletableFuture<HistoryPage> done = new CompletableFuture<>();
        try {
            sessions.config().executor().execute(() -> {
                try {
                    done.complete(fetchNow(query));
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RuntimeException rejected) {
            done.completeExceptionally(rejected);
        }
        return done;
    }

    /** Asked at sign-in, before the sign-in is reported, so the service's first look already has the answer. */
    private static Boolean discover(Session session) {
        try {
            // Also makes MamManager learn the version; querying before that fails inside Smack (stack facts §3).
            return MamManager.getInstanceFor(session.connection).getMamNamespace() != null;
        } catch (XMPPException | SmackException e) {
            LOG.log(Level.INFO, "Could not learn whether " + session.domain + " keeps an archive: " + e);
            return Boolean.FALSE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Boolean.FALSE;
        }
    }

    private HistoryPage fetchNow(HistoryQuery query) {
        Session session;
        try {
            session = sessions.live(query.account());
        } catch (ChatPort.NotConnectedException e) {
            throw notConnected(query.account().address().domain(), e);
        }
        XMPPTCPConnection conn = session.connection;
        try {
            if (query.isRoomArchive()) {
                // Rooms are asked in MAM 2, which every room archive that says urn:xmpp:mam:2 speaks.
                return query(session, conn, MamVersion.MAM2, query);
            }
            String namespace = MamManager.getInstanceFor(conn).getMamNamespace();
            if (namespace == null) {
                throw new UnsupportedOperationException("The server " + session.domain
                        + " keeps no message archive.");
            }
            return query(session, conn, MamVersion.fromNamespace(namespace), query);
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            if (error != null && error.getCondition() == StanzaError.Condition.item_not_found) {
                // Usually the archive id we page from has expired; the caller starts over from a date.
                throw new NoSuchElementException("The server's archive no longer has the message to continue from.");
            }
            throw new IllegalStateException("The server refused to send its archive. "
                    + StanzaErrors.describe(error), e);
        } catch (SmackException.NotConnectedException | SmackException.NotLoggedInException e) {
            throw notConnected(session.domain, e);
        } catch (SmackException.NoResponseException e) {
            throw new ConnectionFailedException(ConnectionProblem.of(ConnectionProblem.Kind.TIMED_OUT,
                    "The server " + session.domain + " did not send its archive in time."), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notConnected(session.domain, e);
        }
    }

    private HistoryPage query(Session session, XMPPTCPConnection conn, MamVersion version, HistoryQuery q)
            throws XMPPException.XMPPErrorException, SmackException.NoResponseException,
            SmackException.NotConnectedException, SmackException.NotLoggedInException, InterruptedException {
        String queryId = StringUtils.secureUniqueRandomString();
        DataForm.Builder form = DataForm.builder(DataForm.Type.submit)
                .addField(FormField.buildHiddenFormType(version.getNamespace()));
        if (q.with() != null) {
            form.addField(FormField.builder("with").setValue(q.with().value()).build());
        }
        if (q.start() != null) {
            form.addField(FormField.builder("start").setValue(Date.from(q.start())).build());
        }
        MamQueryIQ iq = new MamQueryIQ(version, queryId, null, form.build());
        iq.setType(IQ.Type.set);
        EntityBareJid room = q.isRoomArchive() ? roomJid(q) : null;
        if (room != null) {
            iq.setTo(room);
        }
        // RSM: 'after' pages forwards; 'before' backwards, where an empty 'before' asks for the newest page.
        iq.addExtension(new RSMSet(q.afterArchiveId(), q.beforeArchiveId(), -1, -1, null, q.max(), null, -1));

        List<Stanza> carriers;
        MamFinIQ fin;
        StanzaCollector finCollector = conn.createStanzaCollector(new IQReplyFilter(iq, conn));
        StanzaCollector.Configuration results = StanzaCollector.newConfiguration()
                .setStanzaFilter(stanza -> stanza instanceof Message m && isResultOf(m, queryId))
                .setSize(Math.max(SmackConfiguration.getStanzaCollectorSize(), q.max() + 100))
                // Every result proves the server is still working on it, so a long page does not time out.
                .setCollectorToReset(finCollector);
        try (StanzaCollector resultCollector = conn.createStanzaCollector(results)) {
            try {
                conn.sendStanza(iq);
                fin = finCollector.nextResultOrThrow();
            } finally {
                finCollector.cancel();
            }
            resultCollector.cancel();
            carriers = resultCollector.getCollectedStanzasAfterCancelled();
        }

        List<InboundMessage> messages = new ArrayList<>(carriers.size());
        String firstId = null;
        String lastId = null;
        RoomMessages.Context roomContext = room == null ? null : roomContext(session, q.archive().bare());
        for (Stanza s : carriers) {
            Message carrier = (Message) s;
            boolean trusted = room == null ? ArchivedMessages.isTrusted(carrier, queryId, session.account)
                    : ArchivedMessages.isTrustedRoomResult(carrier, queryId, room);
            if (!trusted) {
                continue;
            }
            MamResultExtension result = ArchivedMessages.result(carrier);
            if (firstId == null) {
                firstId = result.getId();
            }
            lastId = result.getId();
            if (room == null) {
                ArchivedMessages.message(carrier, session.account).ifPresent(messages::add);
            } else {
                ArchivedMessages.roomMessage(carrier, roomContext).ifPresent(messages::add);
            }
        }
        RSMSet rsm = fin.getRSMSet();
        if (rsm != null && rsm.getFirst() != null) {
            firstId = rsm.getFirst();
        }
        if (rsm != null && rsm.getLast() != null) {
            lastId = rsm.getLast();
        }
        return new HistoryPage(messages, firstId, lastId, fin.isComplete());
    }

    private RoomMessages.Context roomContext(Session session, im.natter.domain.model.Address room) {
        RoomDirectory directory = sessions.rooms();
        return new RoomMessages.Context(session.account, room, directory.nick(session.account, room),
                directory.trustsOccupantIds(session.account, room), false);
    }

    private static EntityBareJid roomJid(HistoryQuery q) {
        try {
            return JidCreate.entityBareFrom(q.archive().bare().value());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("\"" + q.archive() + "\" is not a room address.", e);
        }
    }

    /** Collects anything that claims to answer this query; who sent it is checked afterwards, and logged. */
    private static boolean isResultOf(Message message, String queryId) {
        MamResultExtension result = ArchivedMessages.result(message);
        return result != null && queryId.equals(result.getQueryId());
    }

    private static ConnectionFailedException notConnected(String domain, Exception cause) {
        return new ConnectionFailedException(ConnectionProblem.of(ConnectionProblem.Kind.CONNECTION_DROPPED,
                "The connection to " + domain + " was lost while fetching history."), cause);
    }
}
