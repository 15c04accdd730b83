package im.natter.ui.chat;

import im.natter.ui.fx.ConsistentColor;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The colour of a room sender's name (XEP-0392), worked out once per name rather than each time a row shows it.
 * Used on the JavaFX thread only.
 */
final class SenderColours {

    /** More names than a busy room's screenful of rows; the oldest is forgotten first. */
    private static final int KEPT = 512;

    private static final Map<String, Color> COLOURS = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Color> eldest) {
            return size() > KEPT;
        }
    };

    private SenderColours() {
    }

    static Color of(String name) {
        return COLOURS.computeIfAbsent(name, n -> {
            double[] rgb = ConsistentColor.rgb(n, false);
            return Color.color(rgb[0], rgb[1], rgb[2]);
        });
    }
}
