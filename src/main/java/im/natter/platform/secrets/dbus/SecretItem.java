package im.natter.platform.secrets.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

@DBusInterfaceName("org.freedesktop.Secret.Item")
public interface SecretItem extends DBusInterface {

    String LABEL = "org.freedesktop.Secret.Item.Label";
    String ATTRIBUTES = "org.freedesktop.Secret.Item.Attributes";

    Secret GetSecret(DBusPath session);

    DBusPath Delete();
}
