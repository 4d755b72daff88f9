package io.github.kctwilio.otp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.testsupport.RealmJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three realms the benchmark compares, on one server, each with its own pool of users: password only;
 * password and Keycloak's authenticator-app form; password and the Twilio step. Users are imported with the realm.
 */
final class BenchRealms {

    static final String PASSWORD_ONLY = "bench-password";
    static final String AUTHENTICATOR_APP = "bench-app";
    static final String TWILIO = "bench-twilio";
    static final String PASSWORD = "Bench-pass-1";

    /** One account of a pool: the same names in every realm; phone and TOTP secret are used where the flow needs them. */
    record BenchUser(String username, String phone, String totpSecret) {
    }

    private BenchRealms() {
    }

    static List<BenchUser> users(int count) {
        return pool("u", 0, count);
    }

    /**
     * Users of the Twilio realm who never signed in with the step: their number is on file but not yet verified, so
     * their first sign-in takes the number over as a phone credential (the one-time cost). Numbers after the returning users'.
     */
    static List<BenchUser> firstSignInUsers(int count, int returningUsers) {
        return pool("n", returningUsers, count);
    }

    private static List<BenchUser> pool(String prefix, int firstNumber, int count) {
        if (firstNumber + count > 10_000) {
            throw new IllegalArgumentException("at most 10000 users and first sign-ins together (phone numbers +1415555xxxx)");
        }
        List<BenchUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new BenchUser(String.format("%s%04d", prefix, i), String.format("+1415555%04d", firstNumber + i), "bench-totp-secret-" + i));
        }
        return users;
    }

    /** Writes the three realm files into {@code dir} and returns them; users' passwords are hashed with the policy. */
    static List<Path> write(Path dir, List<BenchUser> users, List<BenchUser> firstSignIns, String passwordPolicy) throws IOException {
        ObjectNode passwordOnly = RealmJson.passwordOnlyRealm(PASSWORD_ONLY);
        ObjectNode app = RealmJson.authenticatorAppRealm(AUTHENTICATOR_APP);
        // The caps stay on, so their cost is measured, but high enough that no benchmark login is refused. Every
        // benchmark client comes from 127.0.0.1, so the per-IP cap, which real clients spread over many addresses,
        // is off: on, it would refuse after 1000 sends, and its slot search would grow with every send.
        ObjectNode twilio = RealmJson.twilioRealm(TWILIO, Map.of("sendLimitPerNumber", "1000/1h", "sendLimitPerUser", "1000/1h",
                "sendLimitPerIp", "0", "maxSendsPerLogin", "5"));
        if (!passwordPolicy.isEmpty()) {
            List.of(passwordOnly, app, twilio).forEach(realm -> realm.put("passwordPolicy", passwordPolicy));
        }
        for (BenchUser user : users) {
            RealmJson.addUser(passwordOnly, user.username(), PASSWORD, null);
            RealmJson.addUserWithTotp(app, user.username(), PASSWORD, null, user.totpSecret());
            // A phone credential and its mirror from an earlier login: the steady state, where a login writes nothing.
            ArrayNode credentials = RealmJson.addUser(twilio, user.username(), PASSWORD, user.phone());
            RealmJson.addPhoneCredential(credentials, user.phone());
            JsonNode imported = twilio.get("users").get(twilio.get("users").size() - 1);
            ((ObjectNode) imported.get("attributes")).putArray("phoneNumberVerified").add("true");
        }
        // A number in the attribute only: the first sign-in takes it over as a credential (a one-time write).
        for (BenchUser user : firstSignIns) {
            RealmJson.addUser(twilio, user.username(), PASSWORD, user.phone());
        }
        return List.of(RealmJson.write(passwordOnly, dir), RealmJson.write(app, dir), RealmJson.write(twilio, dir));
    }
}
