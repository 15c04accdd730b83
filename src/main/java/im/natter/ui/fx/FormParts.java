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

    /**
     * Makes {@code type}'s button the dialog's accent action: pressing it runs {@code action} instead of closing, it
     * is disabled while {@code disabled} holds, and the dialog closes only once {@code done} turns true (the
     * service said yes); until then it shows why and keeps what was typed.
     */
    public static javafx.scene.control.Button confirmButton(javafx.scene.control.Dialog<?> dialog,
            javafx.scene.control.ButtonType type, String id, ObservableValue<Boolean> disabled, Runnable action,
            ObservableValue<Boolean> done) {
        javafx.scene.control.Button button = (javafx.scene.control.Button) dialog.getDialogPane().lookupButton(type);
        button.setId(id);
        button.getStyleClass().add(Styles.ACCENT);
        button.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> Boolean.TRUE.equals(disabled.getValue()), disabled));
        button.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            action.run();
        });
        done.addListener((o, was, now) -> {
            if (Boolean.TRUE.equals(now)) {
                dialog.setResult(null);
                dialog.close();
            }
        });
        return button;
    }

    /** Gives a dialog the owner window's stylesheets (theme and app styles), when it has a window yet. */
    public static void styleLike(javafx.scene.control.Dialog<?> dialog, javafx.stage.Window owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
    }
}
