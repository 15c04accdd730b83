package im.natter.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Catches what the JavaFX thread throws outside a test's own calls (layout and rendering in a pulse, event
 * handlers): JavaFX hands those to the thread's uncaught-exception handler and carries on, so a test would not
 * notice them otherwise.
 */
public final class FxFailures {

    private final List<Throwable> seen = new CopyOnWriteArrayList<>();

    private FxFailures() {
    }

    /** Starts collecting; the FX thread has no handler of its own, so the default one receives its failures. */
    public static FxFailures watch() {
        var failures = new FxFailures();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> failures.seen.add(e));
        return failures;
    }

    /** Lets pending pulses run, then fails with the first stack trace if anything was thrown. */
    public void assertNone() {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(seen).as(() -> "the JavaFX thread threw:\n" + firstTrace()).isEmpty();
    }

    private String firstTrace() {
        if (seen.isEmpty()) {
            return "";
        }
        var out = new StringWriter();
        seen.getFirst().printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
