package im.natter.xmpp.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.model.DataForm;
import im.natter.domain.model.DataFormField;
import im.natter.xmpp.chat.StanzaFixtures;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;

class RoomFormsTest {

    private static final String CONFIG = """
            <iq xmlns='jabber:client' type='result' id='c1' from='tea@rooms.example.org'>
              <query xmlns='http://jabber.org/protocol/muc#owner'>
                <x xmlns='jabber:x:data' type='form'>
                  <title>Configuration</title>
                  <instructions>Fill it in</instructions>
                  <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
                  <field type='fixed'><value>Section</value></field>
                  <field var='name' type='text-single' label='Name'><value>Tea</value></field>
                  <field var='secret' type='text-private'/>
                  <field var='desc' type='text-multi'><value>line 1</value><value>line 2</value></field>
                  <field var='persistent' type='boolean'><desc>Keep it</desc><value>0</value><required/></field>
                  <field var='whois' type='list-single'>
                    <value>moderators</value>
                    <option label='Moderators'><value>moderators</value></option>
                    <option label='Anyone'><value>anyone</value></option>
                  </field>
                  <field var='roles' type='list-multi'>
                    <value>moderator</value>
                    <option><value>moderator</value></option><option><value>participant</value></option>
                  </field>
                  <field var='admins' type='jid-multi'><value>a@example.org</value></field>
                  <field var='owner' type='jid-single'><value>o@example.org</value></field>
                  <field var='untyped'><value>x</value></field>
                </x>
              </query>
            </iq>""";

    private static DataForm parsed() {
        IQ iq = StanzaFixtures.parse(CONFIG);
        return RoomForms.toDomain(org.jivesoftware.smackx.xdata.packet.DataForm.from(iq));
    }

    @Test
    void everyFieldTypeIsRead() {
        DataForm form = parsed();
        assertThat(form.title()).isEqualTo("Configuration");
        assertThat(form.instructions()).containsExactly("Fill it in");
        assertThat(form.formType()).isEqualTo("http://jabber.org/protocol/muc#roomconfig");
        assertThat(form.fields()).extracting(DataFormField::type).containsExactly(DataFormField.Type.FIXED,
                DataFormField.Type.TEXT_SINGLE, DataFormField.Type.TEXT_PRIVATE, DataFormField.Type.TEXT_MULTI,
                DataFormField.Type.BOOLEAN, DataFormField.Type.LIST_SINGLE, DataFormField.Type.LIST_MULTI,
                DataFormField.Type.JID_MULTI, DataFormField.Type.JID_SINGLE, DataFormField.Type.TEXT_SINGLE);
        DataFormField persistent = form.field("persistent").orElseThrow();
        assertThat(persistent.required()).isTrue();
        assertThat(persistent.description()).isEqualTo("Keep it");
        assertThat(form.field("whois").orElseThrow().options()).containsExactly(
                new DataFormField.Option("Moderators", "moderators"), new DataFormField.Option("Anyone", "anyone"));
        assertThat(form.field("desc").orElseThrow().values()).containsExactly("line 1", "line 2");
    }

    @Test
    void theAnswerCarriesEveryNamedFieldBack() {
        DataForm answer = parsed().withValues("persistent", List.of("1")).withValues("secret", List.of("pw"))
                .withValues("roles", List.of("moderator", "participant"))
                .withValues("admins", List.of("a@example.org", "b@example.org"));
        var wire = RoomForms.toSubmit(answer);
        assertThat(wire.getType()).isEqualTo(org.jivesoftware.smackx.xdata.packet.DataForm.Type.submit);
        assertThat(wire.getFormType()).isEqualTo("http://jabber.org/protocol/muc#roomconfig");
        assertThat(wire.getField("persistent").getFirstValue()).isIn("1", "true");
        assertThat(wire.getField("secret").getFirstValue()).isEqualTo("pw");
        assertThat(wire.getField("roles").getValuesAsString()).containsExactly("moderator", "participant");
        assertThat(wire.getField("admins").getValuesAsString()).containsExactly("a@example.org", "b@example.org");
        assertThat(wire.getField("owner").getFirstValue()).isEqualTo("o@example.org");
        assertThat(wire.getField("desc").getValuesAsString()).containsExactly("line 1", "line 2");
        assertThat(wire.getField("whois").getFirstValue()).isEqualTo("moderators");
        assertThat(wire.getFields()).noneMatch(f -> f.getFieldName() == null);
    }

    @Test
    void anAddressFieldWithSomethingElseIsRefusedInWords() {
        DataForm answer = parsed().withValues("owner", List.of("not an address@@"));
        assertThatThrownBy(() -> RoomForms.toSubmit(answer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
    }
}
