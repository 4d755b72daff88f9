package io.github.kctwilio.otp.keycloak.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneCredentialData.Proof;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

class PhoneCredentialModelTest {

    private static final Instant VERIFIED = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aStoredCredentialReadsTheSameEveryTime() {
        CredentialModel stored = stored(new PhoneCredentialData("+14155550100", VERIFIED, Proof.CODE));

        PhoneCredentialData expected = new PhoneCredentialData("+14155550100", VERIFIED, Proof.CODE);
        assertThat(PhoneCredentialModel.from(stored).data()).contains(expected);
        assertThat(PhoneCredentialModel.from(stored).data()).contains(expected);
    }

    @Test
    void aCredentialChangedInPlaceReadsAsChanged() {
        CredentialModel stored = stored(new PhoneCredentialData("+14155550100", VERIFIED, Proof.CODE));
        PhoneCredentialModel.from(stored);

        CredentialModel other = stored(new PhoneCredentialData("+14155550199", VERIFIED.plusSeconds(60), Proof.TRUSTED_ATTRIBUTE));
        stored.setSecretData(other.getSecretData());
        assertThat(PhoneCredentialModel.from(stored).data().map(PhoneCredentialData::number)).contains("+14155550199");

        stored.setCredentialData(other.getCredentialData());
        assertThat(PhoneCredentialModel.from(stored).data())
                .contains(new PhoneCredentialData("+14155550199", VERIFIED.plusSeconds(60), Proof.TRUSTED_ATTRIBUTE));
    }

    @Test
    void withoutAVerifiedTimeTheCreationDateCountsAndAnotherDateReadsAsAnother() {
        CredentialModel stored = new CredentialModel();
        stored.setSecretData("{\"number\":\"+14155550100\"}");
        stored.setCredentialData("{}");
        stored.setCreatedDate(VERIFIED.toEpochMilli());
        assertThat(PhoneCredentialModel.from(stored).data().map(PhoneCredentialData::verifiedAt)).contains(VERIFIED);

        stored.setCreatedDate(VERIFIED.plusSeconds(5).toEpochMilli());
        assertThat(PhoneCredentialModel.from(stored).data().map(PhoneCredentialData::verifiedAt)).contains(VERIFIED.plusSeconds(5));
    }

    @Test
    void anUnreadableCredentialStaysUnreadable() {
        CredentialModel stored = new CredentialModel();
        stored.setSecretData("not json");

        assertThat(PhoneCredentialModel.from(stored).data()).isEmpty();
        assertThat(PhoneCredentialModel.from(stored).data()).isEmpty();
    }

    @Test
    void theTableOfReadCredentialsStaysBounded() {
        for (int i = 0; i <= PhoneCredentialModel.MAX_PARSED; i++) {
            PhoneCredentialModel.from(stored(new PhoneCredentialData("+1415555" + i, VERIFIED, Proof.CODE)));
        }
        assertThat(PhoneCredentialModel.parsedCredentials()).isBetween(1, PhoneCredentialModel.MAX_PARSED);
        assertThat(PhoneCredentialModel.from(stored(new PhoneCredentialData("+14155550100", VERIFIED, Proof.CODE))).data()
                .map(PhoneCredentialData::number)).contains("+14155550100");
    }

    private static CredentialModel stored(PhoneCredentialData data) {
        PhoneCredentialModel created = PhoneCredentialModel.create(data);
        CredentialModel stored = new CredentialModel();
        stored.setType(created.getType());
        stored.setSecretData(created.getSecretData());
        stored.setCredentialData(created.getCredentialData());
        stored.setCreatedDate(created.getCreatedDate());
        return stored;
    }
}
