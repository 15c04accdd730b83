package im.natter.xmpp;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import im.natter.domain.model.RoomException;
import im.natter.domain.model.RoomProblem;
import im.natter.domain.port.BookmarkPort;
import im.natter.xmpp.room.NativeBookmark;
import im.natter.xmpp.room.RoomErrors;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.NamedElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.bookmarks.BookmarkedConference;
import org.jivesoftware.smackx.bookmarks.Bookmarks;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Room bookmarks: PEP native bookmarks (XEP-0402) where the account's server says it keeps them in step with the
 * old store ({@code urn:xmpp:bookmarks:1#compat}, or {@code #compat-pep} as Prosody 0.12 says), else XEP-0048 in
 * private XML storage (XEP-0049), read afresh every time because other devices change it too. Which store an
 * account uses is learnt once per fresh sign-in.
 */
public final class BookmarkAdapter implements BookmarkPort {

    private static final System.Logger LOG = System.getLogger(BookmarkAdapter.class.getName());

    static final String NS = NativeBookmark.NAMESPACE;
    /** XEP-0048's PEP node, where servers that convert bookmarks (XEP-0411) mirror private storage. */
    static final String LEGACY_PEP_NODE = "storage:bookmarks";

    static {
        NativeBookmark.install();
    }

    private final XmppSessions sessions;
    private final Listeners<Listener> listeners = new Listeners<>();
    /** Per account: true for PEP native bookmarks, false for private storage; absent until learnt. */
    private final Map<AccountId, Boolean> nativeStore = new ConcurrentHashMap<>();

    public BookmarkAdapter(XmppSessions sessions) {
        this.sessions = sessions;
        // the server may have changed its bookmark storage meanwhile
        sessions.addHook(SessionHook.attachAndOnFreshSession(this::attach,
                session -> nativeStore.remove(session.account)));
    }

    /** Whether the account keeps its bookmarks in PEP (XEP-0402); learns it if not known yet. Blocking. */
    boolean usesNativeBookmarks(AccountId account) throws RoomException {
        return nativeStore(live(account));
    }

    @Override
    public CompletableFuture<List<Bookmark>> fetch(AccountId account) {
        return call(account, session -> nativeStore(session) ? fetchNative(session) : fetchLegacy(session));
    }

    @Override
    public CompletableFuture<Void> save(AccountId account, Bookmark bookmark) {
        return call(account, session -> {
            if (nativeStore(session)) {
                request(session, BookmarkRequests.publish(session.ownJid, bookmark));
            } else {
                Bookmarks all = legacy(session);
                all.getBookmarkedConferences().removeIf(c -> c.getJid().toString().equals(bookmark.room().value()));
                all.addBookmarkedConference(conference(bookmark));
                storeLegacy(session, all);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> remove(AccountId account, Address room) {
        return call(account, session -> {
            if (nativeStore(session)) {
                try {
                    request(session, BookmarkRequests.retract(session.ownJid, room.bare().value()));
                } catch (RoomException e) {
                    if (e.problem() != RoomProblem.NOT_FOUND) {
                        throw e;
                    }
                }
            } else {
                Bookmarks all = legacy(session);
                if (all.getBookmarkedConferences().removeIf(c -> c.getJid().toString().equals(room.bare().value()))) {
                    storeLegacy(session, all);
                }
            }
            return null;
        });
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void attach(Session session) {
        // +notify through entity caps: the server pushes what the user's other devices change (XEP-0163)
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(session.connection);
        disco.addFeature(NS + "+notify");
        // Servers that mirror private storage into PEP (ejabberd: urn:xmpp:bookmarks-conversion:0) say so there
        disco.addFeature(LEGACY_PEP_NODE + "+notify");
        session.connection.addSyncStanzaListener(stanza -> onMessage(session, (Message) stanza),
                StanzaTypeFilter.MESSAGE);
    }

    private void onMessage(Session session, Message message) {
        EventElement event = EventElement.from(message);
        if (event == null || !(event.getEvent() instanceof ItemsExtension items)
                || !(NS.equals(items.getNode()) || LEGACY_PEP_NODE.equals(items.getNode()))) {
            return;
        }
        Jid from = message.getFrom();
        if (from != null && (!from.isEntityBareJid() || !from.equals(session.ownJid))) {
            LOG.log(Level.WARNING, "Dropped a bookmark notification for " + session.account + " from " + from);
            return;
        }
        // A notification names one item added or retracted; the listener wants the whole set, so ask for it.
        AccountId account = session.account;
        sessions.config().executor().execute(() -> {
            try {
                List<Bookmark> all = nativeStore(session) ? fetchNative(session) : fetchLegacy(session);
                listeners.fire(l -> l.bookmarksChanged(account, all));
            } catch (RoomException e) {
                LOG.log(Level.INFO, "Bookmarks of " + account + " not fetched after a change: " + e.getMessage());
            }
        });
    }

    private boolean nativeStore(Session session) throws RoomException {
        Boolean known = nativeStore.get(session.account);
        if (known != null) {
            return known;
        }
        DiscoverInfo get = DiscoverInfo.builder(session.connection).to(session.ownJid).ofType(IQ.Type.get).build();
        DiscoverInfo info = (DiscoverInfo) request(session, get);
        boolean pep = info.containsFeature(NS + "#compat") || info.containsFeature(NS + "#compat-pep");
        LOG.log(Level.DEBUG, session.account + " keeps bookmarks " + (pep ? "in PEP (XEP-0402)"
                : "in private storage (XEP-0048)"));
        nativeStore.put(session.account, pep);
        return pep;
    }

    private List<Bookmark> fetchNative(Session session) throws RoomException {
        IQ answer;
        try {
            answer = request(session, BookmarkRequests.fetch(session.ownJid));
        } catch (RoomException e) {
            if (e.problem() == RoomProblem.NOT_FOUND) {
                return List.of(); // no bookmark was ever published
            }
            throw e;
        }
        List<Bookmark> all = new ArrayList<>();
        for (var extension : answer.getExtensions()) {
            if (extension instanceof ItemsExtension items && NS.equals(items.getNode())) {
                for (NamedElement element : items.getItems()) {
                    if (element instanceof PayloadItem<?> item && item.getPayload() instanceof NativeBookmark b) {
                        b.toBookmark(item.getId()).ifPresent(all::add);
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    private List<Bookmark> fetchLegacy(Session session) throws RoomException {
        List<Bookmark> all = new ArrayList<>();
        for (BookmarkedConference c : legacy(session).getBookmarkedConferences()) {
            Address.parse(c.getJid().toString()).ifPresent(room -> all.add(new Bookmark(room, blank(c.getName()),
                    c.getNickname() == null ? null : c.getNickname().toString(), blank(c.getPassword()),
                    c.isAutoJoin())));
        }
        return List.copyOf(all);
    }

    private Bookmarks legacy(Session session) throws RoomException {
        try {
            var data = PrivateDataManager.getInstanceFor(session.connection).getPrivateData("storage",
                    "storage:bookmarks");
            return data instanceof Bookmarks b ? b : new Bookmarks();
        } catch (XMPPException.XMPPErrorException e) {
            if (e.getStanzaError().getCondition() == StanzaError.Condition.item_not_found) {
                return new Bookmarks();
            }
            throw failure(e.getStanzaError());
        } catch (SmackException.NoResponseException e) {
            throw noAnswer();
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            throw RoomErrors.notConnected(session.domain);
        }
    }

    private void storeLegacy(Session session, Bookmarks all) throws RoomException {
        // What other clients stored without a name must get one before Smack writes it (see conference()).
        Bookmarks out = new Bookmarks();
        all.getBookmarkedURLS().forEach(out::addBookmarkedURL);
        for (BookmarkedConference c : all.getBookmarkedConferences()) {
            out.addBookmarkedConference(c.getName() != null ? c : new BookmarkedConference("", c.getJid(),
                    c.isAutoJoin(), c.getNickname(), c.getPassword()) {
            });
        }
        try {
            PrivateDataManager.getInstanceFor(session.connection).setPrivateData(out);
        } catch (XMPPException.XMPPErrorException e) {
            throw failure(e.getStanzaError());
        } catch (SmackException.NoResponseException e) {
            throw noAnswer();
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            throw RoomErrors.notConnected(session.domain);
        }
    }

    private static BookmarkedConference conference(Bookmark b) throws RoomException {
        try {
            EntityBareJid jid = JidCreate.entityBareFrom(b.room().bare().value());
            Resourcepart nick = b.nick() == null || b.nick().isBlank() ? null : Resourcepart.from(b.nick());
            // Smack writes the name attribute unchecked (a null fails an assertion on its writer thread)
            String name = b.name() == null ? "" : b.name();
            return new BookmarkedConference(name, jid, b.autojoin(), nick, blank(b.password())) {
            };
        } catch (XmppStringprepException e) {
            throw new RoomException(RoomProblem.OTHER, "The bookmark for " + b.room() + " is not valid: "
                    + e.getMessage());
        }
    }

    private IQ request(Session session, IQ iq) throws RoomException {
        try {
            return session.connection.sendIqRequestAndWaitForResponse(iq);
        } catch (XMPPException.XMPPErrorException e) {
            throw failure(e.getStanzaError());
        } catch (SmackException.NoResponseException e) {
            throw noAnswer();
        } catch (SmackException.NotConnectedException e) {
            throw RoomErrors.notConnected(session.domain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RoomErrors.notConnected(session.domain);
        }
    }

    private static RoomException noAnswer() {
        return new RoomException(RoomProblem.NO_ANSWER, "(the server did not answer about the bookmarks)");
    }

    private static RoomException failure(StanzaError error) {
        if (error != null && error.getCondition() == StanzaError.Condition.item_not_found) {
            return new RoomException(RoomProblem.NOT_FOUND, "(no bookmarks stored)");
        }
        String said = error == null ? null : error.getDescriptiveText();
        return new RoomException(RoomProblem.OTHER, "The server did not keep the bookmarks ("
                + (error == null ? "no reason given" : error.getCondition()) + ")"
                + (said == null || said.isBlank() ? "." : ": " + said.strip()));
    }

    private Session live(AccountId account) throws RoomException {
        return RoomCalls.live(sessions, account);
    }

    private <T> CompletableFuture<T> call(AccountId account, RoomCalls.Work<T> work) {
        return RoomCalls.call(sessions, account, work);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The three PEP requests of XEP-0402: publish one bookmark, retract one, fetch them all. */
    static final class BookmarkRequests {

        private BookmarkRequests() {
        }

        /** Item id = the room's address. The node must stay private and keep every item (XEP-0402 §3). */
        static IQ publish(EntityBareJid own, Bookmark bookmark) {
            NativeBookmark payload = NativeBookmark.of(bookmark);
            return PrivatePep.publish(own, NS, bookmark.room().bare().value(),
                    xml -> xml.append(payload.toXML(org.jivesoftware.smack.packet.XmlEnvironment.EMPTY)));
        }

        static IQ retract(EntityBareJid own, String room) {
            return PrivatePep.retract(own, NS, room);
        }

        static IQ fetch(EntityBareJid own) {
            return PrivatePep.fetch(own, NS);
        }
    }
}
