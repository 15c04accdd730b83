package im.natter.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the links in a message body. Only schemes that open something harmless are made clickable
 * ({@code http}, {@code https}, {@code xmpp}, {@code mailto}); anything else ({@code javascript:}, {@code file:},
 * {@code data:}, ...) stays plain text. One pass over the text, no regular expressions, so a hostile body of any
 * length costs linear time.
 */
public final class LinkDetector {

    /** Longer "links" are almost certainly not meant to be clicked and would make a useless confirmation. */
    static final int MAX_LINK_LENGTH = 2048;

    private static final String[] SCHEMES = {"https://", "http://", "xmpp:", "mailto:"};

    private LinkDetector() {
    }

    /** The body cut into plain and link segments; concatenating their texts gives back {@code text}. */
    public static List<TextSegment> segments(String text) {
        List<TextSegment> out = new ArrayList<>();
        int plainStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = linkEndAt(text, i);
            if (end > i) {
                if (i > plainStart) {
                    out.add(TextSegment.plain(text.substring(plainStart, i)));
                }
                out.add(TextSegment.link(text.substring(i, end)));
                i = end;
                plainStart = end;
            } else {
                i++;
            }
        }
        if (plainStart < n) {
            out.add(TextSegment.plain(text.substring(plainStart)));
        }
        return out;
    }

    /** Whether {@code target} is something Natter would ever open. Checked again right before opening. */
    public static boolean isAllowed(String target) {
        return target != null && linkEndAt(target, 0) == target.length();
    }

    /** The end of a link starting at {@code i}, or {@code i} if none starts there. */
    private static int linkEndAt(String text, int i) {
        // a scheme glued to a word ("xhttps://", "evilmailto:") is not a link start
        if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            return i;
        }
        String scheme = schemeAt(text, i);
        if (scheme == null) {
            return i;
        }
        int bodyStart = i + scheme.length();
        int end = bodyStart;
        int n = text.length();
        // the scan is bounded, so a megabyte without spaces full of "https://" costs no more than a short one
        int limit = Math.min(n, i + MAX_LINK_LENGTH + 1);
        while (end < limit && isLinkChar(text.charAt(end))) {
            end++;
        }
        if (end - i > MAX_LINK_LENGTH) {
            return i;
        }
        end = trimTrailing(text, bodyStart, end);
        if (end - bodyStart < minimumBody(scheme)) {
            return i;
        }
        if (scheme.startsWith("http") && !hasHost(text, bodyStart, end)) {
            return i;
        }
        return end;
    }

    private static String schemeAt(String text, int i) {
        for (String s : SCHEMES) {
            if (text.regionMatches(true, i, s, 0, s.length())) {
                return s;
            }
        }
        return null;
    }

    private static int minimumBody(String scheme) {
        return scheme.startsWith("http") ? 1 : 3;
    }

    private static boolean hasHost(String text, int from, int to) {
        char c = text.charAt(from);
        return Character.isLetterOrDigit(c) || c == '[';
    }

    /** Printable, non-space characters; links end at whitespace, quotes and angle brackets. */
    private static boolean isLinkChar(char c) {
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return false;
        }
        return switch (c) {
            case '<', '>', '"', '`', '{', '}', '|', '\\', '^' -> false;
            default -> Character.getType(c) != Character.FORMAT;
        };
    }

    /** Sentence punctuation after a link is not part of it; a closing bracket only when it has no partner. */
    private static int trimTrailing(String text, int start, int end) {
        int round = 0;
        int square = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            round += c == '(' ? 1 : c == ')' ? -1 : 0;
            square += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        while (end > start) {
            char c = text.charAt(end - 1);
            if (".,;:!?'*".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && round < 0) {
                end--;
                round++;
            } else if (c == ']' && square < 0) {
                end--;
                square++;
            } else {
                break;
            }
        }
        return end;
    }

    /**
     * The target as the confirmation shows it: a host with non-ASCII letters is given in its ASCII (punycode) form,
     * so "pаypal.com" with a Cyrillic a cannot pass for the real one.
     */
    public static String revealed(String target) {
        String scheme = schemeAt(target, 0);
        if (scheme == null || !scheme.startsWith("http")) {
            return target;
        }
        int hostStart = scheme.length();
        int hostEnd = hostStart;
        while (hostEnd < target.length() && "/?#".indexOf(target.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String authority = target.substring(hostStart, hostEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String host = authority.substring(at + 1);
        boolean ascii = host.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return target;
        }
        try {
            String converted = java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
            return target.substring(0, hostStart) + userInfo + converted + target.substring(hostEnd);
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    /** For tests and the UI: the lower-case scheme of an allowed link. */
    static String schemeOf(String target) {
        String s = schemeAt(target, 0);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
