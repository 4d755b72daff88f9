package io.github.kctwilio.otp.keycloak.remember;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;

/**
 * The "remember this device" cookie. Its own name, so that nothing Keycloak does to its own cookies (a sign-out clears
 * {@code KEYCLOAK_*} and {@code AUTH_SESSION_ID}) touches it; Keycloak's cookie API only writes its own cookie types,
 * so it is written here with the attributes Keycloak's are written with:
 * <ul>
 *   <li>HttpOnly: no script reads it;</li>
 *   <li>Secure, always: browsers keep it only over HTTPS (and on localhost);</li>
 *   <li>SameSite=Strict: sent only with requests Keycloak's own pages make, never with one another site starts, not
 *       even a link. It is read only where a password form or the phone form posts to Keycloak (a remembered device
 *       counts only in a sign-in that proves the password, see RememberScope), which Strict lets through;</li>
 *   <li>Path {@code /realms/<realm>/}: the realm's pages only, as Keycloak scopes its own.</li>
 * </ul>
 */
final class DeviceCookie {

    static final String NAME = "TWILIO_OTP_DEVICE";

    private DeviceCookie() {
    }

    /** The cookie this request came with; null for none. */
    static String read(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    static void write(KeycloakSession session, RealmModel realm, String value, Duration maxAge) {
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie(session, realm, value, (int) maxAge.toSeconds()));
    }

    /** Tells the browser to drop it (where it sent one). */
    static void expire(KeycloakSession session, RealmModel realm) {
        if (read(session) != null) {
            session.getContext().getHttpResponse().setCookieIfAbsent(cookie(session, realm, "", 0));
        }
    }

    private static NewCookie cookie(KeycloakSession session, RealmModel realm, String value, int maxAge) {
        String path = RealmsResource.realmBaseUrl(session.getContext().getUri()).path("/").build(realm.getName()).getRawPath();
        return new NewCookie.Builder(NAME)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
