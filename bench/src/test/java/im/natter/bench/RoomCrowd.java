package im.natter.bench;

import im.natter.testsupport.prosody.ProsodyServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * The load generator: fills one room of a harness Prosody with distinct people over raw connections
 * ({@link RawXmppClient}): an owner who creates the room (persistent, archived) and watches it, a few speakers who
 * write its history, and a crowd that only joins. Every person is their own account, registered in-band on its
 * own connection (loopback is exempt from Prosody's registration throttle), so each has its own real address and
 * occupant-id, as in a real room.
 */
final class RoomCrowd implements AutoCloseable {

    private static final String MUC = "http://jabber.org/protocol/muc";
    private static final String PASSWORD = "crowd-password";

    private final ProsodyServer server;
    private final String room;
    private final List<RawXmppClient> people = new CopyOnWriteArrayList<>();
    private RawXmppClient owner;

    RoomCrowd(ProsodyServer server, String roomName) {
        this.server = server;
        this.room = roomName + "@" + server.mucDomain();
    }

    String room() {
        return room;
    }

    /** The owner creates the room, makes it persistent and archived, gives it a subject, and stays in it. */
    void create(String name, String subject) throws IOException {
        owner = person("owner");
        owner.send(joinPresence("owner", ""));
        owner.await("code='110'");
        owner.send("<iq type='set' id='cfg' to='" + room + "'><query xmlns='" + MUC + "#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'>"
                + field("FORM_TYPE", MUC + "#roomconfig")
                + field("muc#roomconfig_roomname", name)
                + field("muc#roomconfig_persistentroom", "1")
                + field("muc#roomconfig_enablearchiving", "1")
                + "</x></query></iq>");
        owner.await("id='cfg'");
        owner.send("<message to='" + room + "' type='groupchat' id='subj'><subject>" + subject
                + "</subject></message>");
        owner.await("</subject>");
        owner.drain();
    }

    /**
     * Writes the room's history before the crowd arrives (each message then goes to a handful of people, not a
     * thousand): {@code speakers} people, the owner among them, take turns; returns when the owner has seen the
     * room reflect every message, i.e. all are archived.
     */
    void seed(int messages, int speakers, String newestText) throws Exception {
        List<RawXmppClient> voices = new ArrayList<>();
        voices.add(owner);
        for (int s = 1; s < speakers; s++) {
            String nick = String.format(Locale.ROOT, "speaker%02d", s);
            RawXmppClient c = person(nick);
            c.send(joinPresence(nick, ""));
            c.await("code='110'");
            c.drain();
            voices.add(c);
        }
        owner.count("</body>");
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        for (int s = 0; s < voices.size(); s++) {
            RawXmppClient voice = voices.get(s);
            int first = s;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    StringBuilder batch = new StringBuilder();
                    for (int i = first; i < messages - 1; i += voices.size()) {
                        String body = text(i);
                        batch.append("<message to='").append(room).append("' type='groupchat' id='m").append(i)
                                .append("'><body>").append(body).append("</body></message>");
                        if (batch.length() > 16_000) {
                            voice.send(batch.toString());
                            batch.setLength(0);
                        }
                    }
                    voice.send(batch.toString());
                } catch (IOException e) {
                    failed.add(e);
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("seeding failed", failed.getFirst());
        }
        long deadline = System.nanoTime() + 10L * 60 * 1_000_000_000L;
        while (owner.counted() < messages - 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the room reflected only " + owner.counted() + " of " + messages);
            }
            Thread.sleep(50);
        }
        // the newest is written alone after all others are archived, so it is the archive's last
        owner.send("<message to='" + room + "' type='groupchat' id='newest'><body>" + newestText
                + "</body></message>");
        while (owner.counted() < messages) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the room did not reflect the newest message");
            }
            Thread.sleep(20);
        }
        owner.count(null);
    }

    /** {@code count} more people join, {@code parallel} at a time; returns when every one is in. */
    void fill(int count, int parallel) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Semaphore gate = new Semaphore(parallel);
        List<Future<?>> joins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nick = String.format(Locale.ROOT, "guest%04d", i);
            String extra = i % 5 == 0 ? "<show>away</show>" : "";
            if (i % 10 == 0) {
                extra += "<status>" + (i % 20 == 0 ? "in a meeting until four" : "reading along") + "</status>";
            }
            String status = extra;
            joins.add(pool.submit(() -> {
                gate.acquire();
                try {
                    RawXmppClient c = person(nick);
                    c.send(joinPresence(nick, status));
                    c.await("code='110'");
                    c.drain();
                    return null;
                } finally {
                    gate.release();
                }
            }));
        }
        for (Future<?> f : joins) {
            f.get();
        }
        pool.shutdown();
    }

    /** Calls {@code then} with the time the owner sees {@code nick} enter (the room's broadcast of the join). */
    void watchEntry(String nick, LongConsumer then) {
        owner.watch(room + "/" + nick + "'", then);
    }

    private RawXmppClient person(String user) throws IOException {
        RawXmppClient c = RawXmppClient.registerAndSignIn(server.host(), server.c2sPort(), server.domain(),
                server.sslContext(), user, PASSWORD, "crowd");
        people.add(c);
        return c;
    }

    private String joinPresence(String nick, String extra) {
        // no discussion history for the crowd: it would only slow the server down
        return "<presence to='" + room + "/" + nick + "'><x xmlns='" + MUC + "'><history maxstanzas='0'/></x>"
                + extra + "</presence>";
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    /** Message texts of mixed length, as in a real room: mostly a line, sometimes a paragraph. */
    static String text(int i) {
        String line = "message " + i + ": the quick brown fox jumps over the lazy dog";
        return switch (i % 7) {
            case 0 -> "ok";
            case 3 -> line + ". " + line + ". " + line + ", and then it ran off into the woods to find its friends.";
            default -> line;
        };
    }

    @Override
    public void close() {
        people.forEach(RawXmppClient::close);
    }
}
