package io.github.kctwilio.otp.lookup;

import java.util.Set;

/** Twilio Lookup v2 for one set of credentials. */
public interface LookupGateway {

    /**
     * Asks Lookup about a number, for these packages only (each is billed). One request, never retried.
     *
     * @param e164     the number, E.164
     * @param packages at least one
     * @throws LookupException when the request as a whole failed (the packages' own failures are in the answer)
     */
    LookupAnswer lookup(String e164, Set<LookupPackage> packages) throws LookupException;
}
