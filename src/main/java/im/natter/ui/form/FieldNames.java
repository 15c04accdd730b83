package im.natter.ui.form;

import java.util.Locale;
import java.util.Map;

/**
 * Words for form fields. Room configuration forms (XEP-0045 §15.5.3, muc#roomconfig) come with labels like "Make
 * Room Persistent?" or none at all; the common options get Natter's own plain wording, anything else its label or,
 * without one, a readable form of its name.
 */
public final class FieldNames {

    private static final Map<String, String> ROOM_OPTIONS = Map.ofEntries(
            Map.entry("muc#roomconfig_roomname", "Name"),
            Map.entry("muc#roomconfig_roomdesc", "Description"),
            Map.entry("muc#roomconfig_persistentroom", "Keep the room when everyone has left"),
            Map.entry("muc#roomconfig_membersonly", "Only members may enter"),
            Map.entry("muc#roomconfig_moderatedroom", "Only people with a voice may write"),
            Map.entry("muc#roomconfig_passwordprotectedroom", "Ask for a password"),
            Map.entry("muc#roomconfig_roomsecret", "Password"),
            Map.entry("muc#roomconfig_publicroom", "List the room in the public directory"),
            Map.entry("muc#roomconfig_whois", "Who may see real addresses"),
            Map.entry("muc#roomconfig_changesubject", "Occupants may change the subject"),
            Map.entry("muc#roomconfig_allowinvites", "Occupants may invite others"),
            Map.entry("muc#roomconfig_allowpm", "Who may send private messages"),
            Map.entry("muc#roomconfig_maxusers", "Most people at once"),
            Map.entry("muc#roomconfig_enablelogging", "Publish a log of the discussion"),
            Map.entry("muc#roomconfig_getmemberlist", "Who may see the member list"),
            Map.entry("muc#roomconfig_roomadmins", "Admins"),
            Map.entry("muc#roomconfig_roomowners", "Owners"),
            Map.entry("muc#roomconfig_lang", "Language"),
            Map.entry("muc#roomconfig_presencebroadcast", "Whose presence is shown"),
            Map.entry("mam", "Keep a message archive"),
            Map.entry("muc#roomconfig_enablearchiving", "Keep a message archive"));

    private FieldNames() {
    }

    /** What to call the field {@code var} whose form gives {@code label} (may be null). */
    public static String of(String var, String label) {
        if (var != null && ROOM_OPTIONS.containsKey(var)) {
            return ROOM_OPTIONS.get(var);
        }
        if (label != null && !label.isBlank()) {
            return label.strip();
        }
        return readable(var);
    }

    /** "muc#roomconfig_max_users" → "Max users": the part after the namespace, words apart, first one capital. */
    public static String readable(String var) {
        if (var == null || var.isBlank()) {
            return "";
        }
        String s = var.strip();
        int cut = Math.max(s.lastIndexOf('#'), s.lastIndexOf(':'));
        if (cut >= 0 && cut < s.length() - 1) {
            s = s.substring(cut + 1);
        }
        if (s.startsWith("roomconfig_")) {
            s = s.substring("roomconfig_".length());
        }
        s = s.replaceAll("[_\\-.]+", " ").strip();
        if (s.isEmpty()) {
            return var;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
