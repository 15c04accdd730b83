package im.natter.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for things that happen in other processes. The limit only keeps a broken run from hanging; the
 * caller decides what a miss means (the suite counts what did arrive rather than failing blind).
 */
final class Poll {

    private Poll() {
    }

    /** Polls until {@code condition} holds or {@code limit} passes; true if it held. */
    static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
