package im.natter.ui.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tab completion of nicknames in the composer, as in IRC clients and Dino: the word before the caret is completed
 * to the first nickname it starts; Tab again (with nothing typed in between) cycles through the others. A nickname
 * at the start of the message is followed by ", " (addressing someone), elsewhere by a space.
 */
public final class NickCompletion {

    /** The composer's text and caret after a completion. */
    public record Result(String text, int caret) {
    }

    private List<String> candidates = List.of();
    private int index;
    private int wordStart;
    private String before = "";
    private String after = "";
    private Result last;

    /**
     * Completes at {@code caret} of {@code text}. {@code nicks} are the room's nicknames, the most likely first
     * (those who spoke last); the user's own is left out by the caller. Returns null when there is nothing to
     * complete, so the Tab can do what it otherwise does.
     */
    public Result complete(String text, int caret, List<String> nicks) {
        if (last != null && last.text().equals(text) && last.caret() == caret && candidates.size() > 0) {
            index = (index + 1) % candidates.size();
            return apply();
        }
        last = null;
        int start = caret;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String prefix = text.substring(start, caret);
        if (prefix.startsWith("@")) {
            // "@ali" completes like "ali"; the @ stays as typed
            start++;
            prefix = prefix.substring(1);
        }
        if (prefix.isEmpty()) {
            return null;
        }
        String lower = prefix.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String nick : nicks) {
            if (nick.toLowerCase(Locale.ROOT).startsWith(lower) && !found.contains(nick)) {
                found.add(nick);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        candidates = found;
        index = 0;
        wordStart = start;
        before = text.substring(0, start);
        after = text.substring(caret);
        return apply();
    }

    /** Forgets the cycle (the user typed or moved the caret). */
    public void reset() {
        last = null;
    }

    private Result apply() {
        String nick = candidates.get(index);
        boolean atStart = before.isBlank();
        String suffix = atStart ? ", " : " ";
        // do not double a space the text already has after the caret
        if (!atStart && after.startsWith(" ")) {
            suffix = "";
        }
        String text = before + nick + suffix + after;
        last = new Result(text, wordStart + nick.length() + suffix.length());
        return last;
    }
}
