package io.github.kctwilio.otp.keycloak.store;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.phone.PhonePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

/** The verified flag (the phone_number_verified claim) is true only while the number attribute holds a proven number. */
class UserPhonesMirrorTest {

    private static final String PHONE = "+14155550134";

    private final PhonePolicy policy = defaults();
    private final UserModel user = mock(UserModel.class);

    @Test
    void aVerifiedFlagWithoutANumberAttributeIsSetBackToFalse() {
        when(user.getFirstAttribute(policy.verifiedAttribute())).thenReturn("true");

        UserPhones.keepMirrorHonest(user, policy, new PhoneFactor(PhoneFactor.Kind.CREDENTIALS, List.of(PHONE), Optional.empty()), "US");

        verify(user).setSingleAttribute(policy.verifiedAttribute(), "false");
    }

    @Test
    void aVerifiedFlagOverANumberAttributeWrittenAsTheCredentialIsLeftAlone() {
        when(user.getFirstAttribute(policy.verifiedAttribute())).thenReturn("true");
        when(user.getFirstAttribute(policy.phoneAttribute())).thenReturn(PHONE);

        UserPhones.keepMirrorHonest(user, policy, new PhoneFactor(PhoneFactor.Kind.CREDENTIALS, List.of(PHONE), Optional.empty()), "US");

        verify(user, never()).setSingleAttribute(policy.verifiedAttribute(), "false");
    }

    @Test
    void aVerifiedFlagOverANumberNoCredentialHoldsIsSetBackToFalse() {
        when(user.getFirstAttribute(policy.verifiedAttribute())).thenReturn("true");
        when(user.getFirstAttribute(policy.phoneAttribute())).thenReturn("(415) 555-0199");

        UserPhones.keepMirrorHonest(user, policy, new PhoneFactor(PhoneFactor.Kind.CREDENTIALS, List.of(PHONE), Optional.empty()), "US");

        verify(user).setSingleAttribute(policy.verifiedAttribute(), "false");
    }

    private static PhonePolicy defaults() {
        try {
            return PhoneRules.resolve(null);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}
