package im.natter.ui.form;

import im.natter.domain.model.DataForm;
import im.natter.domain.model.DataFormField;
import java.util.ArrayList;
import java.util.List;

/**
 * A XEP-0004 form being filled in: one {@link FormFieldViewModel} per field, checks in words, and the answer
 * form with the user's values (hidden and fixed fields go back as they came).
 */
public final class DataFormViewModel {

    private final DataForm form;
    private final List<FormFieldViewModel> fields;

    public DataFormViewModel(DataForm form) {
        this.form = form;
        List<FormFieldViewModel> all = new ArrayList<>();
        for (DataFormField f : form.fields()) {
            all.add(new FormFieldViewModel(f));
        }
        this.fields = List.copyOf(all);
    }

    public String title() {
        return form.title() == null || form.title().isBlank() ? null : form.title().strip();
    }

    public List<String> instructions() {
        return form.instructions().stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    /** Every field in the form's order, hidden ones included (the view skips them). */
    public List<FormFieldViewModel> fields() {
        return fields;
    }

    public FormFieldViewModel field(String var) {
        return fields.stream().filter(f -> var.equals(f.var())).findFirst().orElse(null);
    }

    /** Checks every field; each says its own problem. True when the form can be sent. */
    public boolean validate() {
        boolean ok = true;
        for (FormFieldViewModel f : fields) {
            ok &= f.validate();
        }
        return ok;
    }

    /** The form with the user's values. */
    public DataForm answer() {
        return new DataForm(form.title(), form.instructions(), form.formType(),
                fields.stream().map(FormFieldViewModel::answer).toList());
    }
}
