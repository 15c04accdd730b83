package im.natter.ui.fx;

import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.Settings;
import im.natter.testsupport.fakes.FakeServices;
import im.natter.testsupport.fakes.InMemorySecretStore;
import im.natter.testsupport.fakes.InMemorySettingsStore;
import im.natter.ui.UiServices;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Real services over the shared fakes, handed to the UI as {@link UiServices}. By default everything runs on the
 * calling thread; {@link #queuedFx()} holds FX work back so a test can look at the state in between.
 */
public final class UiFixture {

    public final FakeServices fakes;
    public final UiServices services;
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final boolean queued;

    private UiFixture(FakeServices fakes, boolean queued) {
        this.fakes = fakes;
        this.queued = queued;
        Executor fx = queued ? fxQueue::add : Runnable::run;
        this.services = new UiServices(fakes.accounts, fakes.connections, fakes.chats, fakes.conversations,
                fakes.roster, fakes.presence, fakes.history, new FxEventBridge(fakes.bus, fx), fx, Runnable::run,
                fakes.clock, url -> { }, fakes.readState, fakes.chatStates, fakes.rooms, fakes.bookmarks);
    }

    public static UiFixture direct() {
        return new UiFixture(new FakeServices(), false);
    }

    public static UiFixture queuedFx() {
        return new UiFixture(new FakeServices(), true);
    }

    /** With a saved account (restored into the account service) and a credential store that may be missing. */
    public static UiFixture withAccount(AccountSettings account, boolean secretStore, boolean queued) {
        var f = new FakeServices(new InMemorySettingsStore(new Settings(List.of(account), null, false)),
                new InMemorySecretStore(secretStore));
        return new UiFixture(f, queued);
    }

    /** Runs the FX work queued so far (and what it queues in turn). */
    public int runFx() {
        int n = 0;
        while (!fxQueue.isEmpty()) {
            fxQueue.removeFirst().run();
            n++;
        }
        return n;
    }

    public boolean isQueued() {
        return queued;
    }
}
