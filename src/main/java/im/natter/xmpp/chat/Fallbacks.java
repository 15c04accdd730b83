package im.natter.xmpp.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;

/**
 * XEP-0428 fallback indication: the parts of a body that exist only for clients without support for a feature
 * (e.g. the quote in a XEP-0461 reply). Offsets count Unicode code points, as XEP-0426 says.
 */
final class Fallbacks {

    private Fallbacks() {
    }

    /**
     * The body without the fallback ranges declared for {@code feature}. A range that does not fit the body
     * (negative, past its end, start after end, not a number) is ignored, so a sloppy or hostile sender can at
     * worst leave the quote in, never make Natter fail or lose text that is not marked as fallback.
     */
    static String strip(Message message, String body, String feature) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        int length = body.codePointCount(0, body.length());
        List<int[]> ranges = new ArrayList<>();
        for (XmlElement e : message.getExtensions("fallback", ExtensionProviders.FALLBACK_NS)) {
            if (!(e instanceof StandardExtensionElement fallback) || !feature.equals(fallback.getAttributeValue("for"))) {
                continue;
            }
            for (StandardExtensionElement part : fallback.getElements()) {
                if (!"body".equals(part.getElementName())) {
                    continue;
                }
                Integer start = number(part.getAttributeValue("start"));
                Integer end = number(part.getAttributeValue("end"));
                if (start != null && end != null && start >= 0 && start <= end && end <= length) {
                    ranges.add(new int[] {start, end});
                }
            }
        }
        if (ranges.isEmpty()) {
            return body;
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        StringBuilder out = new StringBuilder(body.length());
        int kept = 0; // code point offset up to which the body has been copied or skipped
        for (int[] r : ranges) {
            if (r[0] > kept) {
                out.append(body, charIndex(body, kept), charIndex(body, r[0]));
            }
            kept = Math.max(kept, r[1]);
        }
        out.append(body, charIndex(body, kept), body.length());
        return out.toString();
    }

    private static int charIndex(String body, int codePoints) {
        return body.offsetByCodePoints(0, codePoints);
    }

    private static Integer number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
