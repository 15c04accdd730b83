package im.natter.ui.form;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import im.natter.domain.model.DataFormField.Option;
import im.natter.ui.fx.FormParts;
import im.natter.ui.fx.WrapGuard;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * A XEP-0004 form as a real form: switches for yes/no, a drop-down for one choice, check boxes for several, a
 * password field for secrets, a text area for several lines, and fixed fields as section headings. Each field
 * carries its help text and its own error line; required ones are marked.
 */
public final class DataFormView extends ScrollPane {

    private final VBox body = new VBox(14);

    public DataFormView(DataFormViewModel vm) {
        getStyleClass().addAll("data-form-view", "edge-to-edge");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        body.getStyleClass().add("data-form");
        body.setPadding(new Insets(4, 16, 12, 4));
        for (String line : vm.instructions()) {
            body.getChildren().add(FormParts.muted(line));
        }
        for (FormFieldViewModel f : vm.fields()) {
            if (f.isShown()) {
                body.getChildren().add(row(f));
            }
        }
        setContent(body);
    }

    private Node row(FormFieldViewModel f) {
        return switch (f.type()) {
            case FIXED -> section(f);
            case BOOLEAN -> toggle(f);
            case LIST_SINGLE -> captioned(f, combo(f));
            case LIST_MULTI -> captioned(f, checklist(f));
            case TEXT_PRIVATE -> captioned(f, bound(new PasswordField(), f));
            case TEXT_MULTI, JID_MULTI -> captioned(f, area(f));
            case JID_SINGLE -> captioned(f, prompt(bound(new TextField(), f), "name@example.org"));
            case TEXT_SINGLE, HIDDEN -> captioned(f, bound(new TextField(), f));
        };
    }

    private static Node section(FormFieldViewModel f) {
        Label l = WrapGuard.wrapping(new Label(f.label()));
        l.getStyleClass().addAll(Styles.TEXT_BOLD, "form-section");
        VBox.setMargin(l, new Insets(8, 0, 0, 0));
        return l;
    }

    /** A yes/no field: the words on the left, the switch on the right, the help under the words. */
    private static Node toggle(FormFieldViewModel f) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId(idOf(f));
        toggle.selectedProperty().bindBidirectional(f.checkedProperty());
        toggle.setAccessibleText(f.label());
        Label caption = WrapGuard.wrapping(new Label(f.label()));
        caption.getStyleClass().add("form-caption");
        caption.setLabelFor(toggle);
        caption.setOnMouseClicked(e -> toggle.setSelected(!toggle.isSelected()));
        VBox words = new VBox(2, caption);
        if (f.description() != null) {
            words.getChildren().add(FormParts.muted(f.description()));
        }
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(16, words, toggle);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("form-toggle-row");
        return row;
    }

    private static Node captioned(FormFieldViewModel f, Node input) {
        Label caption = WrapGuard.wrapping(new Label(f.required() ? f.label() + " *" : f.label()));
        caption.getStyleClass().add("form-caption");
        caption.setLabelFor(input);
        if (f.required()) {
            caption.setAccessibleText(f.label() + ", required");
        }
        VBox box = new VBox(4, caption, input);
        if (f.description() != null) {
            box.getChildren().add(FormParts.muted(f.description()));
        }
        Label error = FormParts.errorLine(f.errorProperty(), idOf(f) + "-error");
        error.visibleProperty().addListener((o, was, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, now));
        box.getChildren().add(error);
        box.getStyleClass().add("form-field");
        return box;
    }

    private static <T extends TextInputControl> T bound(T input, FormFieldViewModel f) {
        input.setId(idOf(f));
        input.textProperty().bindBidirectional(f.textProperty());
        return input;
    }

    private static <T extends TextInputControl> T prompt(T input, String text) {
        input.setPromptText(text);
        return input;
    }

    private static TextArea area(FormFieldViewModel f) {
        TextArea area = bound(new TextArea(), f);
        WrapGuard.wrapping(area);
        area.setPrefRowCount(3);
        if (f.type() == im.natter.domain.model.DataFormField.Type.JID_MULTI) {
            area.setPromptText("One address per line");
        }
        return area;
    }

    private static ComboBox<String> combo(FormFieldViewModel f) {
        ComboBox<String> combo = new ComboBox<>();
        combo.setId(idOf(f));
        combo.getItems().setAll(f.options().stream().map(Option::value).toList());
        if (!f.textProperty().get().isEmpty() && !combo.getItems().contains(f.textProperty().get())) {
            combo.getItems().add(f.textProperty().get());
        }
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : f.optionLabel(value);
            }

            @Override
            public String fromString(String label) {
                return label;
            }
        });
        combo.setValue(f.textProperty().get().isEmpty() ? null : f.textProperty().get());
        combo.valueProperty().addListener((o, was, now) -> f.textProperty().set(now == null ? "" : now));
        combo.setMaxWidth(Double.MAX_VALUE);
        return combo;
    }

    private static VBox checklist(FormFieldViewModel f) {
        VBox box = new VBox(6);
        box.setId(idOf(f));
        box.getStyleClass().add("form-checklist");
        List<Option> options = f.options();
        for (Option o : options) {
            CheckBox check = new CheckBox(f.optionLabel(o.value()));
            check.setSelected(f.selected().contains(o.value()));
            check.selectedProperty().addListener((obs, was, now) -> {
                if (now && !f.selected().contains(o.value())) {
                    f.selected().add(o.value());
                } else if (!now) {
                    f.selected().remove(o.value());
                }
            });
            f.selected().addListener((ListChangeListener<String>) c -> check.setSelected(f.selected().contains(o.value())));
            box.getChildren().add(check);
        }
        return box;
    }

    /** An id for tests and accessibility: "form-" and the field's name made CSS-safe. */
    static String idOf(FormFieldViewModel f) {
        String var = f.var() == null ? "fixed" : f.var();
        return "form-" + var.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
