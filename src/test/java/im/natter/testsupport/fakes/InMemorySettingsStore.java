package im.natter.testsupport.fakes;

import im.natter.domain.model.Settings;
import im.natter.domain.port.SettingsStore;

/** Settings kept in memory; {@link #saves()} counts writes. */
public final class InMemorySettingsStore implements SettingsStore {

    private volatile Settings settings;
    private volatile int saves;

    public InMemorySettingsStore(Settings initial) {
        this.settings = initial;
    }

    public InMemorySettingsStore() {
        this(Settings.EMPTY);
    }

    @Override
    public Settings load() {
        return settings;
    }

    @Override
    public void save(Settings s) {
        settings = s;
        saves++;
    }

    public Settings current() {
        return settings;
    }

    public int saves() {
        return saves;
    }
}
