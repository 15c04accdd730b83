package im.natter.xmpp.chat;

/** Makes text safe to put in an XML 1.0 stream: one forbidden character would make the server close it. */
public final class XmlText {

    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /**
     * Replaces what XML 1.0 forbids (controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF)
     * with U+FFFD. Everything else, including bidi controls such as U+202E, is kept as it is.
     */
    public static String sanitise(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean ok;
            int width = 1;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
                width = ok ? 2 : 1;
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (ok) {
                if (out != null) {
                    out.append(text, i, i + width);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(n).append(text, 0, i);
                }
                out.append(REPLACEMENT);
            }
            i += width - 1;
        }
        return out == null ? text : out.toString();
    }
}
