package io.github.kctwilio.otp.phone;

import io.github.kctwilio.otp.phone.PhoneCredentialData.Proof;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where codes for an account may go. Only a phone credential (created when Twilio approved a code to its number, or
 * imported by an admin) decides that; a user attribute is a source only for an account that never had a credential,
 * and then only as the realm allows:
 * <ul>
 *   <li>an attribute users cannot edit (admin-managed, a read-only directory mapper) is adopted as it is when the
 *       realm trusts existing numbers, and so is a number the attribute-based versions of this plugin verified
 *       (their mark must match the number and be out of the users' reach);</li>
 *   <li>any other usable attribute number becomes a credential only through a code sent to it.</li>
 * </ul>
 * An account whose credentials are all unusable (the admin narrowed the allowed countries, say) fails closed: it is
 * never handed to enrolment, where the password alone would let someone add a number of their own.
 *
 * @param kind    the verdict
 * @param numbers the numbers codes may go to, primary first: the usable credential numbers, or the attribute number
 *                to adopt or to prove; empty for {@link Kind#UNUSABLE} and {@link Kind#NONE}
 * @param adoptAs for {@link Kind#ADOPT}: how the adopted credential is recorded
 */
public record PhoneFactor(Kind kind, List<String> numbers, Optional<Proof> adoptAs) {

    public enum Kind {
        /** Codes go to the account's phone credentials. */
        CREDENTIALS,
        /** The account has phone credentials, and none of them may receive codes under the realm's rules now. */
        UNUSABLE,
        /** No credential yet; the attribute's number is trusted and becomes one without a code. */
        ADOPT,
        /** No credential yet; a code to the attribute's number proves it and makes it one. */
        ENROL_BY_CODE,
        /** Nothing codes could go to: the account has no phone factor. */
        NONE
    }

    public PhoneFactor {
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(adoptAs, "adoptAs");
    }

    public static PhoneFactor decide(PhoneEvidence evidence, PhonePolicy policy, String defaultRegion) {
        if (!evidence.credentialNumbers().isEmpty()) {
            List<String> usable = evidence.credentialNumbers().stream()
                    .map(PhoneNumbers::knownE164)
                    .flatMap(Optional::stream)
                    .filter(policy::allows)
                    .distinct()
                    .toList();
            return usable.isEmpty() ? of(Kind.UNUSABLE, List.of()) : of(Kind.CREDENTIALS, usable);
        }
        if (evidence.credentialsOnly() || evidence.attributeValue() == null || evidence.attributeValue().isBlank()) {
            return none();
        }
        Optional<String> number = PhoneNumbers.toE164(evidence.attributeValue(), defaultRegion).filter(policy::allows);
        if (number.isEmpty()) {
            return none();
        }
        if (!evidence.markEditableByUsers() && "true".equalsIgnoreCase(evidence.verifiedFlag())
                && VerifiedNumberMark.matches(evidence.earlierVersionMark(), number.get())) {
            return new PhoneFactor(Kind.ADOPT, List.of(number.get()), Optional.of(Proof.EARLIER_VERSION));
        }
        if (policy.existingNumbers() == PhonePolicy.ExistingNumbers.TRUST && !evidence.attributeEditableByUsers()) {
            return new PhoneFactor(Kind.ADOPT, List.of(number.get()), Optional.of(Proof.TRUSTED_ATTRIBUTE));
        }
        return of(Kind.ENROL_BY_CODE, List.of(number.get()));
    }

    /** No phone factor: codes can go nowhere. */
    public static PhoneFactor none() {
        return of(Kind.NONE, List.of());
    }

    private static PhoneFactor of(Kind kind, List<String> numbers) {
        return new PhoneFactor(kind, numbers, Optional.empty());
    }

    /** The number a first code goes to; present unless the verdict is {@link Kind#UNUSABLE} or {@link Kind#NONE}. */
    public Optional<String> primary() {
        return numbers.stream().findFirst();
    }

    /** A second usable credential number ("send to my other number"); only for {@link Kind#CREDENTIALS}. */
    public Optional<String> backup() {
        return kind == Kind.CREDENTIALS ? numbers.stream().skip(1).findFirst() : Optional.empty();
    }

    /** True when a password reset may send a code: the number is a credential, or trusted and about to be one. */
    public boolean provenOrTrusted() {
        return kind == Kind.CREDENTIALS || kind == Kind.ADOPT;
    }
}
