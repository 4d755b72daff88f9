package io.github.kctwilio.otp.limits;

import java.time.Duration;

/**
 * A send refused by one of our caps.
 *
 * @param limit         which cap: {@code number}, {@code user}, {@code ip}, {@code realm} or {@code login}
 * @param retryIn       how long until a send can pass this cap again
 * @param firstOfWindow for the realm-wide cap: true for the first refusal of its window across the cluster, so that
 *                      the admin is warned once, not on every request; false otherwise
 */
public record LimitHit(String limit, Duration retryIn, boolean firstOfWindow) {
}
