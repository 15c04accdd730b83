package im.natter.xmpp.room;

import im.natter.domain.model.DataForm;
import im.natter.domain.model.DataFormField;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.FormFieldWithOptions;
import org.jivesoftware.smackx.xdata.JidMultiFormField;
import org.jivesoftware.smackx.xdata.JidSingleFormField;
import org.jivesoftware.smackx.xdata.ListMultiFormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.TextMultiFormField;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** XEP-0004 data forms between Smack's classes and the domain's {@link DataForm}, every field type both ways. */
public final class RoomForms {

    private RoomForms() {
    }

    public static DataForm toDomain(org.jivesoftware.smackx.xdata.packet.DataForm form) {
        List<DataFormField> fields = new ArrayList<>();
        for (FormField f : form.getFields()) {
            if (f.getType() == FormField.Type.hidden && "FORM_TYPE".equals(f.getFieldName())) {
                continue; // carried as formType
            }
            List<DataFormField.Option> options = new ArrayList<>();
            if (f instanceof FormFieldWithOptions withOptions) {
                for (FormField.Option o : withOptions.getOptions()) {
                    options.add(new DataFormField.Option(o.getLabel(), o.getValueString()));
                }
            }
            fields.add(new DataFormField(f.getFieldName(), type(f.getType()), f.getLabel(), f.getDescription(),
                    f.isRequired(), f.getValuesAsString(), options));
        }
        return new DataForm(form.getTitle(), form.getInstructions(), form.getFormType(), fields);
    }

    /** The answer to send back: a submit form with every field that has a name, as the domain form holds it. */
    public static org.jivesoftware.smackx.xdata.packet.DataForm toSubmit(DataForm answer) {
        var builder = org.jivesoftware.smackx.xdata.packet.DataForm.builder(
                org.jivesoftware.smackx.xdata.packet.DataForm.Type.submit);
        if (answer.formType() != null) {
            builder.addField(FormField.buildHiddenFormType(answer.formType()));
        }
        for (DataFormField f : answer.fields()) {
            if (f.var() == null || f.type() == DataFormField.Type.FIXED || "FORM_TYPE".equals(f.var())) {
                continue;
            }
            builder.addField(field(f));
        }
        return builder.build();
    }

    /** An empty submit form: accept the room's defaults (XEP-0045 §10.1.2, instant room). */
    public static org.jivesoftware.smackx.xdata.packet.DataForm instant() {
        return org.jivesoftware.smackx.xdata.packet.DataForm.builder(
                org.jivesoftware.smackx.xdata.packet.DataForm.Type.submit).build();
    }

    private static FormField field(DataFormField f) {
        List<String> values = f.values();
        String first = f.firstValue();
        return switch (f.type()) {
            case BOOLEAN -> {
                var b = FormField.booleanBuilder(f.var());
                if (first != null) {
                    b.setValue("1".equals(first.strip()) || "true".equalsIgnoreCase(first.strip()));
                }
                yield b.build();
            }
            case HIDDEN -> FormField.hiddenBuilder(f.var()).setValue(first == null ? "" : first).build();
            case TEXT_PRIVATE -> FormField.textPrivateBuilder(f.var()).setValue(first == null ? "" : first).build();
            case TEXT_SINGLE, FIXED -> FormField.textSingleBuilder(f.var()).setValue(first == null ? "" : first).build();
            case TEXT_MULTI -> {
                TextMultiFormField.Builder b = FormField.textMultiBuilder(f.var());
                values.forEach(b::addValue);
                yield b.build();
            }
            case LIST_SINGLE -> {
                ListSingleFormField.Builder b = FormField.listSingleBuilder(f.var());
                if (first != null) {
                    b.setValue(first);
                }
                yield b.build();
            }
            case LIST_MULTI -> {
                ListMultiFormField.Builder b = FormField.listMultiBuilder(f.var());
                values.forEach(b::addValue);
                yield b.build();
            }
            case JID_SINGLE -> {
                JidSingleFormField.Builder b = FormField.jidSingleBuilder(f.var());
                if (first != null && !first.isBlank()) {
                    b.setValue(jid(f.var(), first));
                }
                yield b.build();
            }
            case JID_MULTI -> {
                JidMultiFormField.Builder b = FormField.jidMultiBuilder(f.var());
                for (String v : values) {
                    if (!v.isBlank()) {
                        b.addValue(jid(f.var(), v));
                    }
                }
                yield b.build();
            }
        };
    }

    private static org.jxmpp.jid.Jid jid(String var, String text) {
        try {
            return JidCreate.from(text.strip());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("The field " + var + " needs XMPP addresses; \"" + text
                    + "\" is not one.", e);
        }
    }

    private static DataFormField.Type type(FormField.Type type) {
        if (type == null) {
            return DataFormField.Type.TEXT_SINGLE; // XEP-0004 §3.3: no type means text-single
        }
        return switch (type) {
            case bool -> DataFormField.Type.BOOLEAN;
            case fixed -> DataFormField.Type.FIXED;
            case hidden -> DataFormField.Type.HIDDEN;
            case jid_multi -> DataFormField.Type.JID_MULTI;
            case jid_single -> DataFormField.Type.JID_SINGLE;
            case list_multi -> DataFormField.Type.LIST_MULTI;
            case list_single -> DataFormField.Type.LIST_SINGLE;
            case text_multi -> DataFormField.Type.TEXT_MULTI;
            case text_private -> DataFormField.Type.TEXT_PRIVATE;
            case text_single -> DataFormField.Type.TEXT_SINGLE;
        };
    }
}
