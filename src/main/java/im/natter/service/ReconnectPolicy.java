package im.natter.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for automatic reconnection, so that many clients dropped together do not
 * return together. Tests inject short timings; the product's defaults are the real ones.
 */
public record ReconnectPolicy(Duration first, Duration max, double jitter, DoubleSupplier random) {

    public static ReconnectPolicy standard() {
        return new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofMinutes(2), 0.25, Math::random);
    }

    /** The delay before attempt number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long base = first.toMillis();
        for (int i = 1; i < attempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long spread = (long) (base * jitter * (random.getAsDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(first.toMillis() / 2, base + spread));
    }
}
