package io.github.kctwilio.otp.bench;

import static io.github.kctwilio.otp.bench.LoginFlow.expect;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.List;
import java.util.Map;

/** Username and password, nothing else: the baseline every second factor is measured against. */
final class PasswordOnlyFlow implements LoginFlow {

    @Override
    public String title() {
        return "password only";
    }

    @Override
    public List<String> steps() {
        return List.of("open login page", "post password");
    }

    @Override
    public boolean login(LoginClient client, BenchUser user) throws Exception {
        Page login = client.openLogin(BenchRealms.PASSWORD_ONLY);
        expect(login.hasForm("kc-form-login"), login, "the login form");
        Page done = client.submit(login, "kc-form-login", Map.of("username", user.username(), "password", BenchRealms.PASSWORD));
        expect(done.loggedIn(), done, "the redirect with a code");
        return true;
    }
}
