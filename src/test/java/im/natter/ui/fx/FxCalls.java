package im.natter.ui.fx;

import java.util.concurrent.Callable;
import org.testfx.util.WaitForAsyncUtils;

/** Looks at the scene on the FX thread, from a test's thread, so that a look never races the window changing. */
public final class FxCalls {

    private FxCalls() {
    }

    /** Runs {@code look} on the FX thread and waits for what it returns. */
    public static <T> T onFx(Callable<T> look) {
        try {
            return WaitForAsyncUtils.asyncFx(look).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
