package im.natter.xmpp.room;

import im.natter.domain.model.RoomFeatures;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/** Reads a room's disco#info (XEP-0045 §6.4, the muc#roominfo form of XEP-0128) into {@link RoomFeatures}. */
public final class RoomDisco {

    public static final String MAM_NS = "urn:xmpp:mam:2";
    public static final String OCCUPANT_ID_NS = "urn:xmpp:occupant-id:0";
    public static final String MODERATE_0_NS = "urn:xmpp:message-moderate:0";
    public static final String MODERATE_1_NS = "urn:xmpp:message-moderate:1";
    static final String ROOMINFO_FORM = "http://jabber.org/protocol/muc#roominfo";

    /** What a room that could not be asked (just created and locked, or not answering) is assumed to be. */
    public static final RoomFeatures UNKNOWN = new RoomFeatures(null, null, false, false, false, false, false, false,
            false, false, false);

    private RoomDisco() {
    }

    public static RoomFeatures features(DiscoverInfo info) {
        String name = null;
        for (DiscoverInfo.Identity identity : info.getIdentities()) {
            if ("conference".equals(identity.getCategory()) && identity.getName() != null
                    && !identity.getName().isBlank()) {
                name = identity.getName();
            }
        }
        String description = null;
        DataForm form = DataForm.from(info, ROOMINFO_FORM);
        if (form != null) {
            String formName = value(form, "muc#roomconfig_roomname");
            if (formName != null) {
                name = formName;
            }
            description = value(form, "muc#roominfo_description");
        }
        return new RoomFeatures(name, description,
                info.containsFeature("muc_persistent"),
                info.containsFeature("muc_membersonly"),
                info.containsFeature("muc_passwordprotected"),
                info.containsFeature("muc_moderated"),
                info.containsFeature("muc_public"),
                info.containsFeature("muc_nonanonymous"),
                info.containsFeature(MAM_NS),
                info.containsFeature(OCCUPANT_ID_NS),
                info.containsFeature(MODERATE_0_NS) || info.containsFeature(MODERATE_1_NS));
    }

    /** Which XEP-0425 version to ask a room for: the current one when it says so, else the 2023 one. */
    public static String moderationNamespace(DiscoverInfo info) {
        return info.containsFeature(MODERATE_1_NS) ? MODERATE_1_NS : MODERATE_0_NS;
    }

    private static String value(DataForm form, String var) {
        FormField f = form.getField(var);
        String v = f == null ? null : f.getFirstValue();
        return v == null || v.isBlank() ? null : v;
    }
}
