package im.natter.platform.secrets.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

@DBusInterfaceName("org.freedesktop.Secret.Collection")
public interface SecretCollection extends DBusInterface {

    String INTERFACE = "org.freedesktop.Secret.Collection";
    String LABEL = "org.freedesktop.Secret.Collection.Label";

    Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace);
}
