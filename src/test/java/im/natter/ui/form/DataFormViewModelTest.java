package im.natter.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import im.natter.domain.model.DataForm;
import im.natter.domain.model.DataFormField;
import im.natter.domain.model.DataFormField.Option;
import im.natter.domain.model.DataFormField.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

public class DataFormViewModelTest {

    static DataFormField field(String var, Type type, String label, boolean required, List<String> values,
            List<Option> options) {
        return new DataFormField(var, type, label, null, required, values, options);
    }

    /** What Prosody sends for a new room, shortened. */
    public static DataForm roomConfig() {
        return new DataForm("Configuration for tea@rooms.example.org", List.of("Complete and submit this form."),
                "http://jabber.org/protocol/muc#roomconfig", List.of(
                field("FORM_TYPE", Type.HIDDEN, null, false, List.of("http://jabber.org/protocol/muc#roomconfig"),
                        List.of()),
                field(null, Type.FIXED, null, false, List.of("Room information"), List.of()),
                field("muc#roomconfig_roomname", Type.TEXT_SINGLE, "Title", false, List.of(), List.of()),
                new DataFormField("muc#roomconfig_roomdesc", Type.TEXT_SINGLE, "Description",
                        "A few words on what the room is about", false, List.of(), List.of()),
                field("muc#roomconfig_persistentroom", Type.BOOLEAN, "Persistent (room should remain even when it is "
                        + "empty)", false, List.of("0"), List.of()),
                field("muc#roomconfig_publicroom", Type.BOOLEAN, "Include room information in public lists", false,
                        List.of("1"), List.of()),
                field("muc#roomconfig_membersonly", Type.BOOLEAN, null, false, List.of("false"), List.of()),
                field("muc#roomconfig_roomsecret", Type.TEXT_PRIVATE, "Password", false, List.of(), List.of()),
                field("muc#roomconfig_whois", Type.LIST_SINGLE, "Addresses (JIDs) of room occupants may be viewed "
                        + "by:", false, List.of("moderators"),
                        List.of(new Option("Moderators only", "moderators"), new Option("Anyone", "anyone"))),
                field("muc#roomconfig_presencebroadcast", Type.LIST_MULTI, null, false, List.of("moderator",
                        "participant"), List.of(new Option("Moderator", "moderator"),
                        new Option("Participant", "participant"), new Option("Visitor", "visitor"))),
                field("muc#roomconfig_roomadmins", Type.JID_MULTI, null, false, List.of(), List.of()),
                field("x-natter#contact", Type.JID_SINGLE, null, true, List.of(), List.of()),
                field("muc#roomconfig_welcome_text", Type.TEXT_MULTI, null, false, List.of("Hello", "all"),
                        List.of())));
    }

    @Test
    void valuesComeInByTypeAndCommonRoomOptionsReadInPlainWords() {
        var vm = new DataFormViewModel(roomConfig());

        assertThat(vm.title()).isEqualTo("Configuration for tea@rooms.example.org");
        assertThat(vm.field("muc#roomconfig_persistentroom").label()).isEqualTo("Keep the room when everyone has left");
        assertThat(vm.field("muc#roomconfig_persistentroom").checkedProperty().get()).isFalse();
        assertThat(vm.field("muc#roomconfig_publicroom").checkedProperty().get()).isTrue();
        assertThat(vm.field("muc#roomconfig_membersonly").label()).isEqualTo("Only members may enter");
        assertThat(vm.field("muc#roomconfig_whois").textProperty().get()).isEqualTo("moderators");
        assertThat(vm.field("muc#roomconfig_whois").optionLabel("anyone")).isEqualTo("Anyone");
        assertThat(vm.field("muc#roomconfig_presencebroadcast").selected()).containsExactly("moderator",
                "participant");
        assertThat(vm.field("muc#roomconfig_welcome_text").textProperty().get()).isEqualTo("Hello\nall");
        assertThat(vm.field("muc#roomconfig_welcome_text").label()).isEqualTo("Welcome text");
        assertThat(vm.field("x-natter#contact").label()).isEqualTo("Contact");
        assertThat(vm.field("FORM_TYPE").isShown()).isFalse();
        assertThat(vm.fields().get(1).label()).isEqualTo("Room information");
        assertThat(vm.field("muc#roomconfig_roomdesc").description()).isEqualTo("A few words on what the room is about");
    }

    @Test
    void theAnswerCarriesTheUsersValuesInWireFormAndKeepsHiddenFields() {
        var vm = new DataFormViewModel(roomConfig());
        vm.field("muc#roomconfig_roomname").textProperty().set("Tea time");
        vm.field("muc#roomconfig_persistentroom").checkedProperty().set(true);
        vm.field("muc#roomconfig_publicroom").checkedProperty().set(false);
        vm.field("muc#roomconfig_roomsecret").textProperty().set("s3cret");
        vm.field("muc#roomconfig_whois").textProperty().set("anyone");
        vm.field("muc#roomconfig_presencebroadcast").selected().remove("participant");
        vm.field("muc#roomconfig_presencebroadcast").selected().add("visitor");
        vm.field("muc#roomconfig_roomadmins").textProperty().set("Bob@Example.org\n\n  carol@example.org  \n");
        vm.field("x-natter#contact").textProperty().set("dave@example.org/phone");

        assertThat(vm.validate()).isTrue();
        DataForm answer = vm.answer();

        assertThat(answer.formType()).isEqualTo("http://jabber.org/protocol/muc#roomconfig");
        assertThat(answer.field("FORM_TYPE").orElseThrow().values())
                .containsExactly("http://jabber.org/protocol/muc#roomconfig");
        assertThat(answer.field("muc#roomconfig_roomname").orElseThrow().values()).containsExactly("Tea time");
        assertThat(answer.field("muc#roomconfig_roomdesc").orElseThrow().values()).isEmpty();
        assertThat(answer.field("muc#roomconfig_persistentroom").orElseThrow().values()).containsExactly("1");
        assertThat(answer.field("muc#roomconfig_publicroom").orElseThrow().values()).containsExactly("0");
        assertThat(answer.field("muc#roomconfig_membersonly").orElseThrow().values()).containsExactly("0");
        assertThat(answer.field("muc#roomconfig_roomsecret").orElseThrow().values()).containsExactly("s3cret");
        assertThat(answer.field("muc#roomconfig_whois").orElseThrow().values()).containsExactly("anyone");
        assertThat(answer.field("muc#roomconfig_presencebroadcast").orElseThrow().values())
                .containsExactly("moderator", "visitor");
        assertThat(answer.field("muc#roomconfig_roomadmins").orElseThrow().values())
                .containsExactly("bob@example.org", "carol@example.org");
        assertThat(answer.field("x-natter#contact").orElseThrow().values()).containsExactly("dave@example.org");
        assertThat(answer.field("muc#roomconfig_welcome_text").orElseThrow().values()).containsExactly("Hello", "all");
        assertThat(answer.fields()).hasSize(roomConfig().fields().size());
    }

    @Test
    void requiredAndMalformedFieldsSayWhatIsWrongUntilEdited() {
        var vm = new DataFormViewModel(roomConfig());
        vm.field("muc#roomconfig_roomadmins").textProperty().set("bob@example.org\nbad address@x");

        assertThat(vm.validate()).isFalse();
        assertThat(vm.field("x-natter#contact").errorProperty().get()).isEqualTo("This is required.");
        assertThat(vm.field("muc#roomconfig_roomadmins").errorProperty().get())
                .startsWith("bad address@x: ").contains("spaces");
        assertThat(vm.field("muc#roomconfig_roomname").errorProperty().get()).isEmpty();

        vm.field("x-natter#contact").textProperty().set("@example.org");
        assertThat(vm.field("x-natter#contact").errorProperty().get()).isEmpty();
        assertThat(vm.validate()).isFalse();
        assertThat(vm.field("x-natter#contact").errorProperty().get()).isEqualTo("The part before the @ is missing.");
    }

    @Test
    void readableNamesForFieldsWithoutLabels() {
        assertThat(FieldNames.readable("muc#roomconfig_max_users")).isEqualTo("Max users");
        assertThat(FieldNames.readable("urn:xmpp:custom:allow-emoji")).isEqualTo("Allow emoji");
        assertThat(FieldNames.readable("plain")).isEqualTo("Plain");
        assertThat(FieldNames.of("x", "  Server label ")).isEqualTo("Server label");
    }
}
