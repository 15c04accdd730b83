package im.natter.xmpp.room;

import im.natter.domain.model.Address;
import im.natter.domain.model.Bookmark;
import java.io.IOException;
import java.util.Optional;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;

/**
 * XEP-0402 {@code <conference xmlns='urn:xmpp:bookmarks:1'/>}, the payload of one PEP native bookmark; the item id
 * is the room's address. Smack has no class for it. What other clients put in {@code <extensions/>} is not kept.
 */
public final class NativeBookmark implements ExtensionElement {

    public static final String NAMESPACE = "urn:xmpp:bookmarks:1";
    public static final String ELEMENT = "conference";

    private final String name;
    private final boolean autojoin;
    private final String nick;
    private final String password;

    public NativeBookmark(String name, boolean autojoin, String nick, String password) {
        this.name = blank(name);
        this.autojoin = autojoin;
        this.nick = blank(nick);
        this.password = blank(password);
    }

    public static synchronized void install() {
        ProviderManager.addExtensionProvider(ELEMENT, NAMESPACE, new Provider());
    }

    public static NativeBookmark of(Bookmark bookmark) {
        return new NativeBookmark(bookmark.name(), bookmark.autojoin(), bookmark.nick(), bookmark.password());
    }

    /** The bookmark for the room named by the item id, or empty when the id is not a room address. */
    public Optional<Bookmark> toBookmark(String itemId) {
        if (itemId == null || itemId.contains("/")) {
            return Optional.empty();
        }
        return Address.parse(itemId).map(room -> new Bookmark(room, name, nick, password, autojoin));
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.optAttribute("name", name);
        xml.attribute("autojoin", autojoin ? "true" : "false");
        xml.rightAngleBracket();
        xml.optElement("nick", nick);
        xml.optElement("password", password);
        xml.closeElement(this);
        return xml;
    }

    static final class Provider extends ExtensionElementProvider<NativeBookmark> {
        @Override
        public NativeBookmark parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment,
                JxmppContext jxmppContext) throws XmlPullParserException, IOException {
            String name = parser.getAttributeValue("", "name");
            String autojoin = parser.getAttributeValue("", "autojoin");
            String nick = null;
            String password = null;
            while (true) {
                XmlPullParser.Event event = parser.next();
                if (event == XmlPullParser.Event.START_ELEMENT) {
                    switch (parser.getName()) {
                        case "nick" -> nick = parser.nextText();
                        case "password" -> password = parser.nextText();
                        default -> {
                            // <extensions/> and anything newer: skipped
                        }
                    }
                } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                    break;
                } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                    break;
                }
            }
            return new NativeBookmark(name, "true".equals(autojoin) || "1".equals(autojoin), nick, password);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
