package im.natter.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one end of a scenario received from one sender, compared with what that sender sent: each body is
 * {@code SENDER NNNN} ({@link #body}), so losses, repeats and reordering can be counted from the bodies alone.
 *
 * @param end        who counted (e.g. {@code bob (Natter)})
 * @param sender     whose messages were counted (e.g. {@code alice})
 * @param expected   how many that sender sent
 * @param lost       sent but never stored at this end
 * @param duplicated stored more than once (each extra copy counts)
 * @param outOfOrder stored after a message the sender sent later
 */
record Tally(String end, String sender, int expected, int lost, int duplicated, int outOfOrder) {

    /** The text of message {@code seq} of {@code sender}. */
    static String body(String sender, int seq) {
        return sender + " " + String.format("%04d", seq);
    }

    /**
     * Counts {@code sender}'s messages among {@code bodies} (everything one end stored for the conversation, in
     * the order the archive gives it), against the {@code expected} messages {@code 0..expected-1} it sent.
     */
    static Tally count(String end, String sender, int expected, List<String> bodies) {
        String prefix = sender + " ";
        List<Integer> seen = new ArrayList<>();
        for (String b : bodies) {
            if (b.startsWith(prefix)) {
                seen.add(Integer.parseInt(b.substring(prefix.length()).strip()));
            }
        }
        Map<Integer, Integer> copies = new HashMap<>();
        seen.forEach(s -> copies.merge(s, 1, Integer::sum));
        int lost = 0;
        for (int s = 0; s < expected; s++) {
            if (!copies.containsKey(s)) {
                lost++;
            }
        }
        int duplicated = copies.values().stream().mapToInt(n -> n - 1).sum();
        // a message is out of order when a later one of the same sender was stored before it (first copies only)
        int outOfOrder = 0;
        int highest = -1;
        Map<Integer, Boolean> first = new LinkedHashMap<>();
        for (int s : seen) {
            if (first.putIfAbsent(s, true) != null) {
                continue;
            }
            if (s < highest) {
                outOfOrder++;
            }
            highest = Math.max(highest, s);
        }
        return new Tally(end, sender, expected, lost, duplicated, outOfOrder);
    }

    boolean clean() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0;
    }
}
