package io.github.kctwilio.otp.phone;

import java.util.List;

/**
 * What an account holds that could tell where its codes go, as read from Keycloak.
 *
 * @param credentialNumbers         the numbers of the account's phone credentials, in Keycloak's order (the first is
 *                                  the primary); stored as E.164, but read defensively (an import may hold anything)
 * @param attributeValue            the realm's phone attribute (the {@code phone} scope's {@code phoneNumber}); may be null
 * @param attributeEditableByUsers  the realm's user profile lets users edit that attribute themselves
 * @param verifiedFlag              the realm's verified attribute ({@code phoneNumberVerified}); may be null
 * @param earlierVersionMark        the mark the attribute-based versions of this plugin left for a number they
 *                                  verified ({@link VerifiedNumberMark}); may be null
 * @param markEditableByUsers       users can edit that mark (the realm lets them edit unmanaged attributes)
 * @param credentialsOnly           the account had a phone credential before (or adopted its number): attributes
 *                                  are only a mirror now, never a source, so removing the last credential really
 *                                  removes the factor
 */
public record PhoneEvidence(List<String> credentialNumbers, String attributeValue, boolean attributeEditableByUsers,
                            String verifiedFlag, String earlierVersionMark, boolean markEditableByUsers,
                            boolean credentialsOnly) {

    public PhoneEvidence {
        credentialNumbers = List.copyOf(credentialNumbers);
    }
}
