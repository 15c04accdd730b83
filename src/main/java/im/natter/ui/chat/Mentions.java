package im.natter.ui.chat;

/**
 * Whether a room message speaks to the user: their nickname as a word of its own, in any case ("Alice:",
 * "@alice", "hi ALICE!"), but not inside a longer word ("Alicea", "malice").
 */
public final class Mentions {

    private Mentions() {
    }

    public static boolean mentions(String body, String nick) {
        if (body == null || nick == null || nick.isBlank()) {
            return false;
        }
        String n = nick.strip();
        int last = body.length() - n.length();
        for (int i = 0; i <= last; i++) {
            if (body.regionMatches(true, i, n, 0, n.length()) && boundaryBefore(body, i)
                    && boundaryAfter(body, i + n.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundaryBefore(String body, int at) {
        return at == 0 || !isWordPart(body.codePointBefore(at));
    }

    private static boolean boundaryAfter(String body, int at) {
        return at >= body.length() || !isWordPart(body.codePointAt(at));
    }

    /** Letters, digits, combining marks and the joiners that hold a word together; "_" too, as in user names. */
    private static boolean isWordPart(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || cp == '_' || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || cp == 0x200C || cp == 0x200D;
    }
}
