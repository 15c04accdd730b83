package im.natter.ui.fx;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;

/** Small pieces every form uses: a labelled field with its own error line under it. */
public final class FormParts {

    private FormParts() {
    }

    /** A message line that takes no space while there is nothing to say. */
    public static Label errorLine(ObservableValue<String> text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        WrapGuard.wrapping(l);
        l.getStyleClass().addAll("field-error", Styles.TEXT_SMALL, Styles.DANGER);
        return l;
    }

    /** Caption, field and error line stacked; the field turns red while the error shows. */
    public static VBox field(String caption, TextInputControl input, Label error) {
        Label c = new Label(caption);
        c.getStyleClass().add("field-caption");
        c.setLabelFor(input);
        error.visibleProperty().addListener((o, was, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, now));
        VBox box = new VBox(4, c, input, error);
        box.getStyleClass().add("form-field");
        return box;
    }

    /**
     * Lets {@code dialog} grow or shrink to its content whenever one of {@code changes} changes (an error line
     * appearing, a second page): a dialog keeps the size of its first layout otherwise, and its buttons slide out
     * of sight.
     */
    public static void refit(javafx.scene.control.Dialog<?> dialog, javafx.beans.Observable... changes) {
        javafx.beans.InvalidationListener fit = o -> javafx.application.Platform.runLater(() -> {
            var pane = dialog.getDialogPane();
            if (pane.getScene() != null && pane.getScene().getWindow() != null) {
                pane.getScene().getWindow().sizeToScene();
            }
        });
        for (javafx.beans.Observable c : changes) {
            c.addListener(fit);
        }
    }

    public static Label muted(String text) {
        Label l = new Label(text);
        WrapGuard.wrapping(l);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return l;
    }
}
