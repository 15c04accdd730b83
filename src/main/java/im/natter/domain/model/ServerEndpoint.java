package im.natter.domain.model;

/**
 * Where to connect when DNS SRV cannot find the server (e.g. a local one). Null host means "look it up".
 */
public record ServerEndpoint(String host, int port) {

    public static final int DEFAULT_PORT = 5222;

    public static String checkPort(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65535 ? null : "The port must be a number from 1 to 65535.";
        } catch (NumberFormatException e) {
            return "The port must be a number from 1 to 65535.";
        }
    }
}
