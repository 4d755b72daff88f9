package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.ProviderIds;
import java.time.Instant;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The phone credential's place among Keycloak's credentials: listed under "Signing in" in the account console (set up
 * through the required action "Verify phone number", removed with Keycloak's own confirmation), and under Users ->
 * Credentials in the admin console. Stateless.
 */
public final class PhoneCredentialProvider implements CredentialProvider<PhoneCredentialModel> {

    /** Message keys of the account console's entry (in the plugin's message bundles). */
    public static final String DISPLAY_NAME = "twilio-otp-phone-display-name";
    public static final String HELP_TEXT = "twilio-otp-phone-help-text";

    private final KeycloakSession session;

    public PhoneCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PhoneCredentialModel credential) {
        // Reached by admin imports (realm JSON, the admin API); the plugin's own proofs store through UserPhones.
        boolean first = !UserPhones.hasCredential(user);
        UserPhones.markCredentialsOnly(user);
        PhoneCredentialModel imported = PhoneCredentialModel.imported(credential, Instant.now());
        if (first) {
            // The account's main number: mirrored as a proof would mirror it (phone sign-in finds accounts by it).
            imported.data().ifPresent(data -> UserPhones.mirrorImported(realm, user, data.number()));
        }
        return user.credentialManager().createStoredCredential(imported);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public PhoneCredentialModel getCredentialFromModel(CredentialModel model) {
        return PhoneCredentialModel.from(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName(DISPLAY_NAME)
                .helpText(HELP_TEXT)
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(ProviderIds.VERIFY_PHONE_ACTION)
                .removeable(true)
                .build(session);
    }
}
