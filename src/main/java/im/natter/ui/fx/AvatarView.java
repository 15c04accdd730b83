package im.natter.ui.fx;

import im.natter.domain.model.Availability;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A round avatar of initials in the person's XEP-0392 colour, with an optional presence dot. Reusable in list
 * cells: {@link #show} changes it in place.
 */
public final class AvatarView extends StackPane {

    private final Circle disc;
    private final Text initials = new Text();
    private final Circle dot;

    public AvatarView(double size) {
        disc = new Circle(size / 2);
        initials.setFill(Color.WHITE);
        initials.setFont(Font.font(null, FontWeight.SEMI_BOLD, size * 0.4));
        dot = new Circle(Math.max(4, size * 0.15));
        dot.setStroke(Color.WHITE);
        dot.setStrokeWidth(2);
        dot.getStyleClass().add("presence-dot");
        dot.setVisible(false);
        dot.setManaged(false);
        dot.setLayoutX(size - dot.getRadius());
        dot.setLayoutY(size - dot.getRadius());
        var face = new StackPane(disc, initials);
        face.setAlignment(Pos.CENTER);
        getChildren().addAll(face, dot);
        setMinSize(size, size);
        setPrefSize(size, size);
        setMaxSize(size, size);
        getStyleClass().add("avatar");
    }

    /** Shows {@code name}'s initials in the colour of {@code identifier} (the bare address). */
    public void show(String identifier, String name) {
        disc.setFill(Color.web(ConsistentColor.css(identifier, false)));
        initials.setText(initialsOf(name == null || name.isBlank() ? identifier : name));
    }

    /** Shows a presence dot, or none for null. */
    public void presence(Availability availability) {
        dot.setVisible(availability != null);
        if (availability != null) {
            dot.setFill(Color.web(PresenceLook.colour(availability)));
        }
    }

    /** One or two letters: the first of the first two words, or of the part before an @. */
    public static String initialsOf(String name) {
        String n = name.strip();
        int at = n.indexOf('@');
        if (at > 0) {
            n = n.substring(0, at);
        }
        String[] words = n.split("[\\s._-]+");
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && sb.length() < 4) {
                sb.appendCodePoint(w.codePointAt(0));
            }
            if (sb.codePointCount(0, sb.length()) == 2) {
                break;
            }
        }
        String s = sb.isEmpty() ? "?" : sb.toString();
        return s.toUpperCase(Locale.ROOT);
    }
}
