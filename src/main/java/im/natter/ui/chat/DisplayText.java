package im.natter.ui.chat;

/**
 * Turns a message body into text that is safe to put on screen. The archive keeps the original; only the
 * display changes. Control characters become a visible replacement, bidi embeddings, overrides and isolates are
 * removed (so a right-to-left override cannot reverse the time, the name or a link's look), line separators
 * become plain newlines, and a huge body is cut with a note.
 */
public final class DisplayText {

    /** Enough for any message a person reads on screen; layout of megabytes would freeze the window. */
    public static final int MAX_DISPLAY_CHARS = 10_000;

    private static final char REPLACEMENT = '\uFFFD';

    private DisplayText() {
    }

    /** {@code body} made safe to show, cut at {@link #MAX_DISPLAY_CHARS}. */
    public static String of(String body) {
        String safe = sanitise(body);
        if (safe.length() <= MAX_DISPLAY_CHARS) {
            return safe;
        }
        int cut = MAX_DISPLAY_CHARS;
        if (Character.isHighSurrogate(safe.charAt(cut - 1))) {
            cut--;
        }
        return safe.substring(0, cut) + "\u2026\n[%,d more characters not shown; Copy message copies all of it]"
                .formatted(safe.length() - cut);
    }

    /** The same cleaning without the length cut, on one line: for previews and copy. */
    public static String oneLine(String body) {
        return sanitise(body).replace('\n', ' ').replace('\t', ' ');
    }

    /** The full body cleaned but not cut, e.g. for copying a whole message. */
    public static String sanitise(String body) {
        StringBuilder out = null;
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            String replacement = replacementFor(c, body, i);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
                out.append(body, 0, i);
            }
            out.append(replacement);
            if (c == '\r' && i + 1 < n && body.charAt(i + 1) == '\n') {
                i++;
            }
        }
        return out == null ? body : out.toString();
    }

    /** What to show instead of {@code c}, or null to keep it. */
    private static String replacementFor(char c, String body, int i) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            return "\n";
        }
        if (isBidiControl(c)) {
            return "";
        }
        if (Character.isISOControl(c)) {
            return String.valueOf(REPLACEMENT);
        }
        if (Character.isSurrogate(c)) {
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(body.charAt(i - 1));
            return paired ? null : String.valueOf(REPLACEMENT);
        }
        return null;
    }

    /** Embeddings, overrides and isolates (LRE..RLO, LRI..PDI); the marks LRM/RLM/ALM are harmless and stay. */
    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * Whether the text reads right to left, by its first strong character (the Unicode bidi P2 rule), so an
     * Arabic or Hebrew message is laid out from the right while the rest of the window stays as it is.
     */
    public static boolean isRightToLeft(String text) {
        int n = Math.min(text.length(), 2000);
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                return false;
            }
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
