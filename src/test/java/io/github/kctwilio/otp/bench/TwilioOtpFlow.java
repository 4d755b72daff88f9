package io.github.kctwilio.otp.bench;

import static io.github.kctwilio.otp.bench.LoginFlow.expect;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.List;
import java.util.Map;

/** Password, then the Twilio step: the code the emulator "sent" to the user's phone, read back as the user would. */
final class TwilioOtpFlow implements LoginFlow {

    private final VerifyEmulator twilio;

    TwilioOtpFlow(VerifyEmulator twilio) {
        this.twilio = twilio;
    }

    @Override
    public String title() {
        return "password + Twilio OTP";
    }

    @Override
    public List<String> steps() {
        return List.of("open login page", "post password (sends)", "post code (checks)");
    }

    @Override
    public boolean login(LoginClient client, BenchUser user) throws Exception {
        Page codeForm = signIn(client, user);
        expect(codeForm.hasForm(CODE_FORM), codeForm, "the Twilio code form");
        String code = twilio.lastCodeSentTo(user.phone()).orElseThrow(() -> new LoginFailed("no code sent to " + user.phone()));
        Page done = client.submit(codeForm, CODE_FORM, Map.of("code", code));
        expect(done.loggedIn(), done, "the redirect with a code");
        return true;
    }

    /** The first two requests: the page that comes after the password (the code form, or an error while Twilio hangs). */
    static Page signIn(LoginClient client, BenchUser user) throws Exception {
        Page login = client.openLogin(BenchRealms.TWILIO);
        expect(login.hasForm("kc-form-login"), login, "the login form");
        return client.submit(login, "kc-form-login", Map.of("username", user.username(), "password", BenchRealms.PASSWORD));
    }
}
