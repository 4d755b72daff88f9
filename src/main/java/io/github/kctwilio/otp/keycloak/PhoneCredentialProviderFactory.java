package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.store.PhoneCredentialProvider;
import io.github.kctwilio.otp.keycloak.store.PhoneCredentialModel;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link PhoneCredentialProvider} under the credential type's name. */
public final class PhoneCredentialProviderFactory implements CredentialProviderFactory<PhoneCredentialProvider> {

    @Override
    public PhoneCredentialProvider create(KeycloakSession session) {
        return new PhoneCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PhoneCredentialModel.TYPE;
    }
}
