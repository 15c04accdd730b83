package im.natter.platform.secrets.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

@DBusInterfaceName("org.freedesktop.Secret.Session")
public interface SecretSession extends DBusInterface {

    void Close();
}
