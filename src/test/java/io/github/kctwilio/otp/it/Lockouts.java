package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;

/** Accounts locked by Keycloak's brute-force protection, as an attacker guessing passwords leaves them. */
final class Lockouts {

    private Lockouts() {
    }

    /** Five wrong passwords on the realm's login form (failure factor 5 in the test realms) lock the account. */
    static String lockWithPasswords(TestEnvironment env, String realm, String username) throws Exception {
        for (int i = 0; i < 5; i++) {
            LoginBrowser browser = env.newBrowser();
            browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, "wrong-" + i);
        }
        assertThat(env.admin().bruteForceStatus(realm, env.admin().userIdByName(realm, username)).path("disabled").asBoolean())
                .as("locked by wrong passwords").isTrue();
        return username;
    }
}
