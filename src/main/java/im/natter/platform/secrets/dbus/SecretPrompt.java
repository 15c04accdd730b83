package im.natter.platform.secrets.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/** A question the keyring asks the user (e.g. its unlock password); it answers with {@link Completed}. */
@DBusInterfaceName("org.freedesktop.Secret.Prompt")
public interface SecretPrompt extends DBusInterface {

    void Prompt(String windowId);

    void Dismiss();

    final class Completed extends DBusSignal {

        private final boolean dismissed;
        private final Variant<?> result;

        public Completed(String path, boolean dismissed, Variant<?> result) throws DBusException {
            super(path, dismissed, result);
            this.dismissed = dismissed;
            this.result = result;
        }

        public boolean isDismissed() {
            return dismissed;
        }

        public Variant<?> getResult() {
            return result;
        }
    }
}
