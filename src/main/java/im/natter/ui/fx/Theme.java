package im.natter.ui.fx;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look of Natter: AtlantaFX Primer Light plus the app's own small stylesheets. */
public final class Theme {

    private static final String[] STYLESHEETS = {"/im/natter/ui/shell.css", "/im/natter/ui/chat.css"};

    private Theme() {
    }

    /** Sets the platform-wide base theme; call once on the FX thread before the first scene shows. */
    public static void applyBase() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    /** Adds the app stylesheets that exist (each UI part brings its own) to {@code scene}. */
    public static void style(Scene scene) {
        for (String name : STYLESHEETS) {
            var url = Theme.class.getResource(name);
            if (url != null && !scene.getStylesheets().contains(url.toExternalForm())) {
                scene.getStylesheets().add(url.toExternalForm());
            }
        }
    }
}
