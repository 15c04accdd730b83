package im.natter.testsupport.display;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Gives UI tests an X display (see {@link VirtualDisplay}). List it BEFORE TestFX's extension, because the
 * display must exist before the JavaFX toolkit starts:
 *
 * <pre>{@code
 * @ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
 * class ChatViewIT { ... }
 * }</pre>
 */
public final class VirtualDisplayExtension implements BeforeAllCallback, TestInstancePostProcessor, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        VirtualDisplay.ensure();
    }

    /** Also here, so a PER_CLASS test instance (created before beforeAll) is covered too. */
    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        VirtualDisplay.ensure();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        VirtualDisplay.ensure();
    }
}
