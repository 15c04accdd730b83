package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * One field of a XEP-0004 data form.
 *
 * @param var         the field's name on the wire (null only for FIXED fields)
 * @param label       what to show, or null (then a readable form of {@code var})
 * @param description help text, or null
 * @param values      current values (one for most types; several for LIST_MULTI, JID_MULTI, TEXT_MULTI)
 * @param options     choices for LIST_SINGLE and LIST_MULTI
 */
public record DataFormField(String var, Type type, String label, String description, boolean required,
        List<String> values, List<Option> options) {

    public enum Type {
        BOOLEAN, FIXED, HIDDEN, JID_MULTI, JID_SINGLE, LIST_MULTI, LIST_SINGLE, TEXT_MULTI, TEXT_PRIVATE, TEXT_SINGLE
    }

    /** A choice of a list field: {@code value} goes on the wire, {@code label} is shown. */
    public record Option(String label, String value) {
        public Option {
            Objects.requireNonNull(value, "value");
        }
    }

    public DataFormField {
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        options = List.copyOf(options);
    }

    public String firstValue() {
        return values.isEmpty() ? null : values.getFirst();
    }

    public DataFormField withValues(List<String> newValues) {
        return new DataFormField(var, type, label, description, required, newValues, options);
    }
}
