package im.natter.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A XEP-0004 data form, e.g. a room's configuration, free of any XMPP library. A form to fill in comes from the
 * server; the answer goes back as the same form with its fields' values set ({@link #withValues}).
 *
 * @param formType the FORM_TYPE hidden field's value, or null
 */
public record DataForm(String title, List<String> instructions, String formType, List<DataFormField> fields) {

    public DataForm {
        instructions = List.copyOf(instructions);
        fields = List.copyOf(fields);
    }

    public Optional<DataFormField> field(String var) {
        return fields.stream().filter(f -> Objects.equals(f.var(), var)).findFirst();
    }

    /** The same form with {@code var}'s values replaced; other fields stay as they are. */
    public DataForm withValues(String var, List<String> values) {
        return new DataForm(title, instructions, formType,
                fields.stream().map(f -> Objects.equals(f.var(), var) ? f.withValues(values) : f).toList());
    }
}
