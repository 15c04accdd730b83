package im.natter.platform.secrets.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** org.freedesktop.Secret.Service, the part Natter uses. Method names are the D-Bus member names. */
@DBusInterfaceName("org.freedesktop.Secret.Service")
public interface SecretService extends DBusInterface {

    String BUS_NAME = "org.freedesktop.secrets";
    String PATH = "/org/freedesktop/secrets";
    String NO_OBJECT = "/";

    Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

    Pair<DBusPath, DBusPath> CreateCollection(Map<String, Variant<?>> properties, String alias);

    Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

    Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

    DBusPath ReadAlias(String name);
}
