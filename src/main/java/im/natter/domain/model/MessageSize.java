package im.natter.domain.model;

/** How big a body is once it is on the wire, so an over-long message is refused before it is queued. */
public final class MessageSize {

    private MessageSize() {
    }

    /** UTF-8 bytes of the body after XML escaping, which is what counts against a server's stanza limit. */
    public static long wireBytes(String body) {
        long n = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '<' || c == '>') {
                n += 4;
            } else if (c == '&') {
                n += 5;
            } else if (c == '"' || c == '\'') {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
