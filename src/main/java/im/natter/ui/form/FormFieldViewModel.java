package im.natter.ui.form;

import im.natter.domain.model.Address;
import im.natter.domain.model.DataFormField;
import im.natter.domain.model.DataFormField.Option;
import im.natter.domain.model.DataFormField.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One field of a form being filled in. Which properties matter depends on the type: {@link #checkedProperty} for
 * BOOLEAN, {@link #selected} for LIST_MULTI, {@link #textProperty} for the rest (one value per line for TEXT_MULTI
 * and JID_MULTI; the chosen option's value for LIST_SINGLE).
 */
public final class FormFieldViewModel {

    private final DataFormField field;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty checked = new SimpleBooleanProperty(this, "checked");
    private final ObservableList<String> selected = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    FormFieldViewModel(DataFormField field) {
        this.field = field;
        switch (field.type()) {
            case BOOLEAN -> checked.set(isTrue(field.firstValue()));
            case LIST_MULTI -> selected.setAll(field.values());
            case TEXT_MULTI, JID_MULTI -> text.set(String.join("\n", field.values()));
            default -> text.set(field.firstValue() == null ? "" : field.firstValue());
        }
        text.addListener((o, was, now) -> error.set(""));
        selected.addListener((javafx.collections.ListChangeListener<String>) c -> error.set(""));
    }

    public String var() {
        return field.var();
    }

    public Type type() {
        return field.type();
    }

    /** The words to show: Natter's own for common room options, else the form's label or the readable name. */
    public String label() {
        return field.type() == Type.FIXED && field.label() == null
                ? String.join(" ", field.values()) : FieldNames.of(field.var(), field.label());
    }

    /** Help text under the field, or null. */
    public String description() {
        return field.description() == null || field.description().isBlank() ? null : field.description().strip();
    }

    public boolean required() {
        return field.required();
    }

    public List<Option> options() {
        return field.options();
    }

    /** The label of the option with {@code value}, or the value itself. */
    public String optionLabel(String value) {
        for (Option o : field.options()) {
            if (o.value().equals(value)) {
                return o.label() == null || o.label().isBlank() ? o.value() : o.label();
            }
        }
        return value;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty checkedProperty() {
        return checked;
    }

    public ObservableList<String> selected() {
        return selected;
    }

    /** Why the value cannot be sent, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the field is shown at all (hidden fields go back as they came). */
    public boolean isShown() {
        return field.type() != Type.HIDDEN;
    }

    /** Checks the value and says what is wrong in words; true when it can be sent. */
    boolean validate() {
        String problem = problem();
        error.set(problem == null ? "" : problem);
        return problem == null;
    }

    private String problem() {
        switch (field.type()) {
            case BOOLEAN, FIXED, HIDDEN -> {
                return null;
            }
            case LIST_MULTI -> {
                return field.required() && selected.isEmpty() ? "Choose at least one." : null;
            }
            case JID_SINGLE -> {
                String t = text.get().strip();
                if (t.isEmpty()) {
                    return field.required() ? "This is required." : null;
                }
                String p = Address.check(t);
                return p;
            }
            case JID_MULTI -> {
                List<String> lines = lines();
                if (lines.isEmpty()) {
                    return field.required() ? "This is required." : null;
                }
                for (String line : lines) {
                    String p = Address.check(line);
                    if (p != null) {
                        return line + ": " + p;
                    }
                }
                return null;
            }
            default -> {
                return field.required() && text.get().isBlank() ? "This is required." : null;
            }
        }
    }

    /** The field with the values the user gave. */
    DataFormField answer() {
        return switch (field.type()) {
            case BOOLEAN -> field.withValues(List.of(checked.get() ? "1" : "0"));
            case FIXED, HIDDEN -> field;
            case LIST_MULTI -> field.withValues(List.copyOf(selected));
            case TEXT_MULTI -> field.withValues(text.get().isEmpty() ? List.of() : List.of(text.get().split("\n", -1)));
            case JID_MULTI -> field.withValues(lines().stream()
                    .map(l -> Address.parse(l).map(Address::value).orElse(l)).toList());
            case JID_SINGLE -> field.withValues(text.get().isBlank() ? List.of()
                    : List.of(Address.parse(text.get()).map(Address::value).orElse(text.get().strip())));
            case LIST_SINGLE, TEXT_PRIVATE, TEXT_SINGLE ->
                    field.withValues(text.get().isEmpty() ? List.of() : List.of(text.get()));
        };
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String line : text.get().split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
    }
}
