package io.github.kctwilio.otp.limits;

import java.time.Duration;

/**
 * A send refused by one of our caps.
 *
 * @param limit   which cap: {@code number}, {@code user}, {@code ip} or {@code login}
 * @param retryIn how long until a send can pass this cap again
 */
public record LimitHit(String limit, Duration retryIn) {
}
