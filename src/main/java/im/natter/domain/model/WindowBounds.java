package im.natter.domain.model;

/** Where the main window was, so it opens there again. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
}
