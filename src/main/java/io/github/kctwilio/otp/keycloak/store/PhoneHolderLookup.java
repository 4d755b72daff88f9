package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.SharedNumbers;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneHolders;
import io.github.kctwilio.otp.phone.PhonePolicy;
import java.util.List;
import java.util.function.Predicate;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the accounts that hold a phone number. Keycloak cannot search credentials by their secret, so the attribute
 * mirror of the main number (written as E.164 on every approved code; indexed by Keycloak's user-attribute table) is
 * the index, and each candidate's phone credentials confirm or refuse it: an attribute alone never makes a holder.
 */
public final class PhoneHolderLookup {

    private PhoneHolderLookup() {
    }

    /** @param locked whether brute-force protection locks an account, asked only of the one holder */
    public static PhoneHolders.Found find(KeycloakSession session, RealmModel realm, PhonePolicy policy, String number,
                                          Predicate<UserModel> locked) {
        return PhoneHolders.find(number, candidates(session, realm, policy, number, locked));
    }

    /**
     * The realm rule "One account per phone number" is on and another account than {@code self} holds this number: it
     * must not become {@code self}'s. Every path that makes a number a credential asks this (the required action, the
     * step's enrolment by code, the step's adoption of a trusted attribute).
     */
    public static boolean takenUnderRule(KeycloakSession session, RealmModel realm, PhonePolicy policy, String number, UserModel self) {
        try {
            if (!SharedNumbers.refused(UserPhones.actionConfig(realm))) {
                return false;
            }
        } catch (ConfigException e) {
            return true; // a malformed rule fails closed; the settings' own check logged it
        }
        return PhoneHolders.heldByAnother(number, self.getId(), candidates(session, realm, policy, number, user -> false));
    }

    private static List<Account> candidates(KeycloakSession session, RealmModel realm, PhonePolicy policy, String number,
                                            Predicate<UserModel> locked) {
        return session.users().searchForUserByUserAttributeStream(realm, policy.phoneAttribute(), number)
                .limit(PhoneHolders.MAX_CANDIDATES + 1L)
                .map(user -> new Account(user, locked))
                .toList();
    }

    /** A candidate account; its credentials are read when the decision asks for them. */
    private record Account(UserModel user, Predicate<UserModel> lockedBy) implements PhoneHolders.Candidate {

        @Override
        public String id() {
            return user.getId();
        }

        @Override
        public List<String> credentialNumbers() {
            return UserPhones.credentials(user).stream()
                    .flatMap(c -> c.data().map(PhoneCredentialData::number).stream())
                    .toList();
        }

        @Override
        public boolean enabled() {
            return user.isEnabled();
        }

        @Override
        public boolean locked() {
            return lockedBy.test(user);
        }
    }
}
