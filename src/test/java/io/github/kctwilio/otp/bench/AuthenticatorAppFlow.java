package io.github.kctwilio.otp.bench;

import static io.github.kctwilio.otp.bench.LoginFlow.expect;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.Totp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Password, then Keycloak's own OTP form with a code the client computes, as an authenticator app would. Keycloak
 * accepts each code of a credential once (its default policy) and the codes of the previous, current and next
 * 30-second step, so one user can log in three times per step; after that the flow asks for another user.
 */
final class AuthenticatorAppFlow implements LoginFlow {

    private static final long PERIOD_SECONDS = 30;

    private final Map<String, Set<Long>> usedSteps = new ConcurrentHashMap<>();

    @Override
    public String title() {
        return "password + built-in OTP form (authenticator app)";
    }

    @Override
    public List<String> steps() {
        return List.of("open login page", "post password", "post code");
    }

    @Override
    public boolean login(LoginClient client, BenchUser user) throws Exception {
        Optional<Long> step = unusedStep(user);
        if (step.isEmpty()) {
            return false;
        }
        Page login = client.openLogin(BenchRealms.AUTHENTICATOR_APP);
        expect(login.hasForm("kc-form-login"), login, "the login form");
        Page otpForm = client.submit(login, "kc-form-login", Map.of("username", user.username(), "password", BenchRealms.PASSWORD));
        expect(otpForm.hasForm("kc-otp-login-form"), otpForm, "Keycloak's OTP form");
        Page done = client.submit(otpForm, "kc-otp-login-form", Map.of("otp", Totp.code(user.totpSecret(), step.get() * PERIOD_SECONDS)));
        expect(done.loggedIn(), done, "the redirect with a code");
        return true;
    }

    /** A time step whose code this user has not used yet, the next step first (valid longest), and marks it used. */
    private Optional<Long> unusedStep(BenchUser user) {
        long now = System.currentTimeMillis() / 1000 / PERIOD_SECONDS;
        Set<Long> used = usedSteps.computeIfAbsent(user.username(), u -> ConcurrentHashMap.newKeySet());
        used.removeIf(step -> step < now - 1);
        for (long step : new long[] {now + 1, now, now - 1}) {
            if (used.add(step)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
