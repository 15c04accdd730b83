package im.natter.ui.fx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * A round avatar with a person's initials on their XEP-0392 colour. Reusable: {@link #set} changes who it shows
 * without creating nodes, which list cells rely on; initials and colours are worked out once per name (a regular
 * expression and a SHA-1 each), not each time a row shows someone.
 */
public final class InitialsAvatar extends StackPane {

    /** More names than a crowded room shows at once; the least recently shown is forgotten first. */
    private static final int KEPT = 2048;
    private static final Map<String, String> INITIALS = remembering();
    private static final Map<String, Color> COLOURS = remembering();

    private final Circle circle = new Circle();
    private final Label initials = new Label();
    private String nameShown;
    private String colourShown;

    public InitialsAvatar(double size) {
        circle.setRadius(size / 2);
        initials.getStyleClass().add("avatar-initials");
        initials.setStyle("-fx-text-fill: white; -fx-font-weight: bold; -fx-font-size: " + Math.round(size * 0.4)
                + "px;");
        getStyleClass().add("avatar");
        getChildren().addAll(circle, initials);
        setMinSize(size, size);
        setPrefSize(size, size);
        setMaxSize(size, size);
    }

    /** Shows {@code name}'s initials in the colour of {@code colourId} (the bare address). */
    public void set(String name, String colourId) {
        if (!Objects.equals(name, nameShown)) {
            nameShown = name;
            initials.setText(name == null ? "?" : remembered(INITIALS, name, InitialsAvatar::initialsOf));
        }
        if (!Objects.equals(colourId, colourShown)) {
            colourShown = colourId;
            circle.setFill(remembered(COLOURS, colourId, id -> {
                double[] rgb = ConsistentColor.rgb(id, false);
                return Color.color(rgb[0], rgb[1], rgb[2]);
            }));
        }
    }

    /** Rows are also prepared off the FX thread (a warm-up's samples): the memories are shared safely. */
    private static <V> V remembered(Map<String, V> memory, String key, Function<String, V> work) {
        synchronized (memory) {
            V known = memory.get(key);
            if (known != null) {
                return known;
            }
        }
        V made = work.apply(key);
        synchronized (memory) {
            memory.put(key, made);
        }
        return made;
    }

    private static <V> Map<String, V> remembering() {
        return new LinkedHashMap<>(KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }

    /** Up to two letters: the first of the first two words, or the first letter of a single word. */
    public static String initialsOf(String name) {
        if (name == null) {
            return "?";
        }
        String[] words = name.strip().split("[\\s._@-]+");
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            int cp = w.codePointAt(0);
            if (!Character.isLetterOrDigit(cp)) {
                continue;
            }
            out.appendCodePoint(Character.toUpperCase(cp));
            if (out.codePointCount(0, out.length()) == 2) {
                break;
            }
        }
        return out.isEmpty() ? "?" : out.toString();
    }
}
