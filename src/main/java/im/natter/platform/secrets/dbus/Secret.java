package im.natter.platform.secrets.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** The Secret Service's (oayays) secret: session, parameters (the AES IV here), value, content type. */
public final class Secret extends Struct {

    @Position(0)
    private final DBusPath session;
    @Position(1)
    private final byte[] parameters;
    @Position(2)
    private final byte[] value;
    @Position(3)
    private final String contentType;

    public Secret(DBusPath session, byte[] parameters, byte[] value, String contentType) {
        this.session = session;
        this.parameters = parameters;
        this.value = value;
        this.contentType = contentType;
    }

    public DBusPath getSession() {
        return session;
    }

    public byte[] getIv() {
        return parameters;
    }

    public byte[] getValue() {
        return value;
    }

    public String getContentType() {
        return contentType;
    }
}
