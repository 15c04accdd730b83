package im.natter.xmpp;

import java.io.Reader;
import java.lang.reflect.Constructor;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.xml.XmlPullParserFactory;

/**
 * Smack's StAX parser factory with the JDK's entity size limits lifted.
 *
 * <p>Since JDK 24 the StAX parser stops at 100,000 characters of text that contains escapes such as
 * {@code &amp;} ({@code jdk.xml.maxGeneralEntitySizeLimit}); a message body larger than that, which servers
 * allow (256 KiB and more), would be dropped and the stream reader would die. The limits guard against entity
 * expansion, which cannot happen here: DTDs are off, so no entity can be declared and only the five
 * predefined ones and character references exist. Everything else matches Smack's own factory.
 */
final class XmlParserSetup implements XmlPullParserFactory {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newInstance();
    private static final Constructor<?> STAX_PARSER;

    static {
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty("jdk.xml.maxGeneralEntitySizeLimit", "0");
        FACTORY.setProperty("jdk.xml.totalEntitySizeLimit", "0");
        try {
            // Smack's adapter from StAX to its pull-parser interface has a package-private constructor.
            STAX_PARSER = Class.forName("org.jivesoftware.smack.xml.stax.StaxXmlPullParser")
                    .getDeclaredConstructor(XMLStreamReader.class);
            STAX_PARSER.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmlParserSetup() {
    }

    static void install() {
        if (!(SmackXmlParser.getXmlPullParserFactory() instanceof XmlParserSetup)) {
            SmackXmlParser.setXmlPullParserFactory(new XmlParserSetup());
        }
    }

    @Override
    public XmlPullParser newXmlPullParser(Reader reader) throws XmlPullParserException {
        try {
            return (XmlPullParser) STAX_PARSER.newInstance(FACTORY.createXMLStreamReader(reader));
        } catch (XMLStreamException e) {
            throw new XmlPullParserException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Smack's StAX parser", e);
        }
    }
}
