package im.natter.xmpp.chat;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jxmpp.util.XmppDateTime;

/**
 * Natter's statement of when the user wrote a one-to-one message, by the writer's own clock:
 * {@code <clock xmlns='https://natter.im/ns/sender-clock:0' stamp='2026-11-21T10:00:00.123Z'/>}.
 *
 * <p>A server that loses a session may hand its messages on after newer ones, or drop some and get them again late
 * (ejabberd 23.01 does both), and then neither arrival nor the server's archive knows the order they were written
 * in. The writer does. A receiving Natter uses the stamp only to order one sender's messages among themselves (ADR
 * 0012), so a wrong or hostile clock can reorder nothing but its own sender's messages. Other clients ignore it.
 */
public final class SenderClock {

    static final String ELEMENT = "clock";
    static final String NAMESPACE = "https://natter.im/ns/sender-clock:0";

    private SenderClock() {
    }

    /** The element stating {@code writtenAt}, to the millisecond. */
    public static StandardExtensionElement of(Instant writtenAt) {
        return StandardExtensionElement.builder(ELEMENT, NAMESPACE)
                .addAttribute("stamp", XmppDateTime.formatXEP0082Date(Date.from(writtenAt)))
                .build();
    }

    /** When the message says its writer wrote it; null when it does not say, or says it in a form we cannot read. */
    static Instant of(Message message) {
        XmlElement element = message.getExtensionElement(ELEMENT, NAMESPACE);
        if (!(element instanceof StandardExtensionElement clock)) {
            return null;
        }
        String stamp = clock.getAttributeValue("stamp");
        if (stamp == null || stamp.length() > 64) {
            return null;
        }
        try {
            return XmppDateTime.parseXEP0082Date(stamp).toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
