package io.github.kctwilio.otp.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the Auth Token setting of the required action "Verify phone number" may hold. Keycloak masks settings
 * declared secret only in authenticator (step) configs; a required action's config is returned as stored by the
 * admin API and written as stored into realm exports. So that setting takes a vault reference or nothing (the
 * next level then applies, see {@link TwilioAccount}), never the token itself.
 */
public final class ActionTokenRule {

    /** Keycloak's vault expression, as its vault transcoder reads it. */
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}]+}");

    /** What the admin is told when a literal token is refused or removed. */
    public static final String EXPLANATION = "takes only a vault reference such as ${vault.twilio-auth-token}, or nothing "
            + "(then the Auth Token of the step that handed the user over, else the server option auth-token): Keycloak "
            + "shows a required action's settings as stored, in the admin console and in realm exports";

    private ActionTokenRule() {
    }

    /** True when the settings hold a token itself rather than a vault reference or nothing. */
    public static boolean holdsLiteralToken(Map<String, String> settings) {
        if (settings == null) {
            return false;
        }
        String value = settings.get(Setting.REALM_AUTH_TOKEN.key());
        return value != null && !value.isBlank() && !VAULT_REFERENCE.matcher(value.trim()).matches();
    }
}
