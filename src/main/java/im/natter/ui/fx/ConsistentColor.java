package im.natter.ui.fx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * XEP-0392 Consistent Color Generation: the same address gets the same hue in every client that implements it,
 * so a contact looks the same in Natter as on the phone.
 */
public final class ConsistentColor {

    private ConsistentColor() {
    }

    /** The hue angle in degrees [0, 360) for {@code identifier} (a bare address or a nickname). */
    public static double hue(String identifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(identifier.getBytes(StandardCharsets.UTF_8));
            int value = (digest[0] & 0xff) | ((digest[1] & 0xff) << 8);
            return value / 65536.0 * 360.0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * The colour as red, green, blue in [0, 1], from the hue with XEP-0392's recommended lightness (Y'CbCr with
     * Y = 0.5, saturation 100%), computed as the spec's HSLuv approximation via HSL(hue, 100%, 50%) scaled.
     */
    public static double[] rgb(String identifier, boolean darkBackground) {
        double h = hue(identifier) / 60.0;
        double c = 1.0;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double[] rgb = switch ((int) h) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        // keep perceived lightness even across hues so text on top stays readable
        double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
        double target = darkBackground ? 0.62 : 0.42;
        double scale = target / Math.max(luma, 1e-6);
        for (int i = 0; i < 3; i++) {
            rgb[i] = Math.min(1.0, rgb[i] * scale);
        }
        return rgb;
    }

    /** A CSS colour string such as {@code #3a7bd5}. */
    public static String css(String identifier, boolean darkBackground) {
        double[] c = rgb(identifier, darkBackground);
        return String.format("#%02x%02x%02x", (int) Math.round(c[0] * 255), (int) Math.round(c[1] * 255),
                (int) Math.round(c[2] * 255));
    }
}
