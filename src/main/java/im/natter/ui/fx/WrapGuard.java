package im.natter.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Keeps JavaFX's text wrapping away from right-to-left text it cannot wrap.
 *
 * <p>JavaFX 25 (and 26) throws {@code ArrayIndexOutOfBoundsException} in
 * {@code PrismTextLayout.computeTrailingSpaceWidth} whenever soft wrapping has to split a right-to-left run
 * (Hebrew or Arabic words, with or without spaces between them) inside one text node: a wrapping {@code Text},
 * a {@code Label} or {@code TextArea} with {@code wrapText}, a {@code TextFlow} of one {@code Text}. The failed
 * layout is retried on every pulse, so the window stops laying out. Breaking between runs is safe, and two text
 * nodes in a {@code TextFlow} never share a run; so flows get their text as {@link #flowPieces small pieces},
 * while labels and text areas simply stop soft-wrapping while their text holds right-to-left letters.
 */
public final class WrapGuard {

    /**
     * The longest right-to-left piece, in characters, handed to a flow as one node: narrow enough to fit any line
     * a flow in Natter gets, so JavaFX never has to split it.
     */
    static final int MAX_RTL_PIECE = 8;

    private WrapGuard() {
    }

    /** Turns soft wrapping on for {@code labeled}, except while its text contains right-to-left letters. */
    public static <T extends Labeled> T wrapping(T labeled) {
        follow(labeled, labeled.wrapTextProperty(), labeled.textProperty());
        return labeled;
    }

    /**
     * Turns soft wrapping on for {@code area}, except while its text contains right-to-left letters; then the
     * area scrolls sideways and keeps the user's own line breaks.
     *
     * <p>Not wrapping is not enough on its own: the text area's skin still measures its content's height at the
     * content's preferred width, which can lag a character behind the text, and so still wraps (and fails) at
     * the edge. While right-to-left text is in, the content is therefore given a minimum width a little wider
     * than its longest line, which the scroll pane then measures at.
     */
    public static TextArea wrapping(TextArea area) {
        follow(area, area.wrapTextProperty(), area.textProperty());
        Runnable widen = () -> widenContent(area);
        area.textProperty().addListener((obs, old, now) -> widen.run());
        area.fontProperty().addListener((obs, old, now) -> widen.run());
        area.skinProperty().addListener((obs, old, now) -> widen.run());
        widen.run();
        return area;
    }

    private static void widenContent(TextArea area) {
        if (area.getSkin() == null || !(area.lookup(".content") instanceof Region content)) {
            return;
        }
        String text = area.getText();
        if (canWrap(text)) {
            content.setMinWidth(Region.USE_COMPUTED_SIZE);
            return;
        }
        double widest = 0;
        var measure = new Text();
        measure.setFont(area.getFont());
        for (String line : text.split("\n", -1)) {
            // an unwrapped text node lays right-to-left text out safely
            measure.setText(line);
            widest = Math.max(widest, measure.getLayoutBounds().getWidth());
        }
        double slack = 4 * area.getFont().getSize();
        content.setMinWidth(Math.ceil(widest + content.snappedLeftInset() + content.snappedRightInset() + slack));
    }

    private static void follow(Control control, BooleanProperty wrap, ObservableValue<String> text) {
        wrap.set(canWrap(text.getValue()));
        // Added before the skin's own listeners, so this runs before the skin hands the new text to its text
        // nodes. Those keep the last wrapping width until the next layout, and a mouse event before it (picking
        // asks for bounds) would lay the new text out wrapped; so their wrapping ends here and now.
        text.addListener((obs, old, now) -> {
            boolean safe = canWrap(now);
            if (wrap.get() != safe) {
                wrap.set(safe);
            }
            if (!safe) {
                for (Node n : control.lookupAll(".text")) {
                    if (n instanceof Text t && t.getWrappingWidth() > 0) {
                        t.setWrappingWidth(0);
                    }
                }
            }
        });
    }

    /** Whether JavaFX can soft-wrap {@code text} in a single text node without failing. */
    public static boolean canWrap(String text) {
        return text == null || !containsRightToLeft(text);
    }

    /**
     * {@code text} cut for a {@code TextFlow}: whole, when it has no right-to-left letters; else words and runs of
     * white space, with right-to-left words longer than {@link #MAX_RTL_PIECE} characters cut further (between
     * code points, never inside a surrogate pair or before a combining mark). The pieces join back to exactly
     * {@code text}.
     */
    public static List<String> flowPieces(String text) {
        if (!containsRightToLeft(text)) {
            return List.of(text);
        }
        var pieces = new ArrayList<String>();
        int start = 0;
        int n = text.length();
        for (int i = 1; i <= n; i++) {
            if (i == n || Character.isWhitespace(text.charAt(i)) != Character.isWhitespace(text.charAt(i - 1))) {
                addCut(pieces, text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private static void addCut(List<String> pieces, String word) {
        if (word.length() <= MAX_RTL_PIECE || !containsRightToLeft(word)) {
            pieces.add(word);
            return;
        }
        int start = 0;
        int i = 0;
        while (i < word.length()) {
            int next = i + Character.charCount(word.codePointAt(i));
            while (next < word.length() && isMark(word.codePointAt(next))) {
                next += Character.charCount(word.codePointAt(next));
            }
            if (next - start > MAX_RTL_PIECE && i > start) {
                pieces.add(word.substring(start, i));
                start = i;
            }
            i = next;
        }
        pieces.add(word.substring(start));
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || cp == 0x200C || cp == 0x200D;
    }

    /** Whether {@code text} holds any Hebrew, Arabic, Syriac, Thaana, N'Ko or other right-to-left letter. */
    public static boolean containsRightToLeft(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '\u0590') {
                continue;
            }
            int cp = Character.codePointAt(text, i);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING
                    || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE
                    || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return false;
    }
}
