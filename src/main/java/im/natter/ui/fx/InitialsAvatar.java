package im.natter.ui.fx;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * A round avatar with a person's initials on their XEP-0392 colour. Reusable: {@link #set} changes who it shows
 * without creating nodes, which list cells rely on.
 */
public final class InitialsAvatar extends StackPane {

    private final Circle circle = new Circle();
    private final Label initials = new Label();

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
        initials.setText(initialsOf(name));
        double[] rgb = ConsistentColor.rgb(colourId, false);
        circle.setFill(Color.color(rgb[0], rgb[1], rgb[2]));
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
