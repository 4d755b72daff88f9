package io.github.kctwilio.otp.keycloak.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneCredentialData.Proof;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A verified phone number as a Keycloak credential. The full number is secret data (the admin API never returns it);
 * the label and the credential data show it masked, in the account console and the admin console alike.
 * <p>
 * Import format (realm JSON, {@code users[].credentials[]}): {@code "type": "twilio-otp-phone"},
 * {@code "secretData": "{\"number\":\"+14155550100\"}"}; {@code credentialData} may be {@code "{}"}.
 */
public final class PhoneCredentialModel extends CredentialModel {

    public static final String TYPE = ProviderIds.PHONE_CREDENTIAL;

    /** secretData: the number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Secret(String number) {
    }

    /** credentialData: what may be shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shown(String maskedNumber, Long verifiedAt, String proof) {
    }

    /** Stored credentials already read, by their stored content; see {@link #parse(CredentialModel)}. */
    static final int MAX_PARSED = 10_000;
    private static final Map<Stored, Optional<PhoneCredentialData>> PARSED = new ConcurrentHashMap<>();

    /** What a credential's data is read from. */
    private record Stored(String secretData, String credentialData, Long createdDate) {
    }

    private final Optional<PhoneCredentialData> data;

    private PhoneCredentialModel(Optional<PhoneCredentialData> data) {
        this.data = data;
    }

    /** A new credential for a number just proved (or adopted). */
    public static PhoneCredentialModel create(PhoneCredentialData data) {
        PhoneCredentialModel model = new PhoneCredentialModel(Optional.of(data));
        model.setType(TYPE);
        model.setUserLabel(PhoneNumbers.mask(data.number()));
        model.setCreatedDate(data.verifiedAt().toEpochMilli());
        try {
            model.setSecretData(JsonSerialization.writeValueAsString(new Secret(data.number())));
            model.setCredentialData(JsonSerialization.writeValueAsString(
                    new Shown(PhoneNumbers.mask(data.number()), data.verifiedAt().toEpochMilli(), data.proof().name())));
        } catch (IOException e) {
            throw new IllegalStateException("A record of strings always serializes", e);
        }
        return model;
    }

    /**
     * An admin's import in the shape this plugin stores: the label and the shown data masked, the proof {@code IMPORTED}.
     * An import whose number cannot be read is kept as it came (it then gets no code: it fails closed).
     */
    public static PhoneCredentialModel imported(CredentialModel imported, Instant now) {
        PhoneCredentialModel read = from(imported);
        if (read.data().isEmpty()) {
            return read;
        }
        PhoneCredentialData data = read.data().get();
        boolean proofGiven = read.getCredentialData() != null && read.getCredentialData().contains("\"proof\"");
        return create(new PhoneCredentialData(data.number(), proofGiven ? data.verifiedAt() : now,
                proofGiven ? data.proof() : Proof.IMPORTED));
    }

    /** Reads a stored credential; an unreadable one (a broken import) has no data, and so no number codes may go to. */
    public static PhoneCredentialModel from(CredentialModel stored) {
        PhoneCredentialModel model = new PhoneCredentialModel(parse(stored));
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        return model;
    }

    /** The number and how it was proved; empty when the stored data cannot be read. */
    public Optional<PhoneCredentialData> data() {
        return data;
    }

    private static Optional<PhoneCredentialData> parse(CredentialModel stored) {
        // Every request of the step reads the account's phone credentials, and the same stored strings always read the
        // same: two JSON parses per credential once per content instead of per request. A changed credential is new
        // content. The table starts over when full, which costs a parse per credential again and nothing else.
        Stored content = new Stored(stored.getSecretData(), stored.getCredentialData(), stored.getCreatedDate());
        Optional<PhoneCredentialData> read = PARSED.get(content);
        if (read == null) {
            read = parseJson(stored);
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear();
            }
            PARSED.put(content, read);
        }
        return read;
    }

    static int parsedCredentials() {
        return PARSED.size();
    }

    private static Optional<PhoneCredentialData> parseJson(CredentialModel stored) {
        try {
            Secret secret = stored.getSecretData() == null ? null : JsonSerialization.readValue(stored.getSecretData(), Secret.class);
            if (secret == null || secret.number() == null) {
                return Optional.empty();
            }
            Shown shown = stored.getCredentialData() == null || stored.getCredentialData().isBlank()
                    ? null : JsonSerialization.readValue(stored.getCredentialData(), Shown.class);
            Instant verifiedAt = Instant.ofEpochMilli(shown != null && shown.verifiedAt() != null ? shown.verifiedAt()
                    : stored.getCreatedDate() == null ? 0 : stored.getCreatedDate());
            return Optional.of(new PhoneCredentialData(secret.number(), verifiedAt, proof(shown)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Proof proof(Shown shown) {
        if (shown == null || shown.proof() == null) {
            return Proof.IMPORTED;
        }
        try {
            return Proof.valueOf(shown.proof());
        } catch (IllegalArgumentException e) {
            return Proof.IMPORTED;
        }
    }
}
