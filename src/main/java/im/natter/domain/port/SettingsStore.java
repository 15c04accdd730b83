package im.natter.domain.port;

import im.natter.domain.model.Settings;

/** Reads and writes the settings file (JSON, versioned, owner-only). */
public interface SettingsStore {

    /** The saved settings, or {@link Settings#EMPTY} on first start. A damaged file is kept aside, not lost. */
    Settings load() throws SettingsException;

    /** Writes atomically (temp file + rename), so a crash never leaves half a file. */
    void save(Settings settings) throws SettingsException;

    class SettingsException extends Exception {
        public SettingsException(String userMessage, Throwable cause) {
            super(userMessage, cause);
        }
    }
}
