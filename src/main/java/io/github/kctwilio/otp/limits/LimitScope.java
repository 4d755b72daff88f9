package io.github.kctwilio.otp.limits;

import java.util.Objects;

/**
 * What the caps of one realm share: the realm, the keyed hash its limiter keys use, and its realm-wide ceiling.
 *
 * @param realmId   keeps realms apart
 * @param hash      names numbers, accounts and addresses in keys (HMAC under the realm's secret)
 * @param realmLimit most sends the whole realm makes per window for requests anyone can make (enrolment of a new
 *                  number, signup, password reset); owners' own sign-ins are not counted
 */
public record LimitScope(String realmId, SubjectHash hash, RateLimit realmLimit) {

    public LimitScope {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(realmLimit, "realmLimit");
    }
}
