package io.github.kctwilio.otp.remember;

/**
 * The server-side facts a remembered device stands for, read afresh from Keycloak at every check. They are signed
 * with the cookie but never written into it: when any of them changes, every cookie issued before no longer matches
 * its signature, whatever it says.
 *
 * @param realmId          the realm's id (a cookie from another realm never matches, even under a shared key)
 * @param phoneCredential  the phone credential the approved code went to: its id and created date (removed or
 *                         replaced, it no longer matches)
 * @param password         the user's password credential: its id and created date ("none" without one), which a
 *                         password change or reset renews
 * @param generation       the user's remembered-devices generation, which "forget all devices" renews
 */
public record DeviceBinding(String realmId, String phoneCredential, String password, String generation) {

    /** What a credential that is not there is bound as. */
    public static final String NONE = "none";

    /** A stored credential as it is bound: its id and when it was created (null when Keycloak has no date for it). */
    public static String credential(String id, Long createdDate) {
        return id + "@" + createdDate;
    }
}
