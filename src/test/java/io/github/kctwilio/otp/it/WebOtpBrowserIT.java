package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;

/**
 * The code form's WebOTP script in headless Chromium, with a message template set ({@link VerifySignalsIT#REALM}).
 * No phone can deliver an SMS to this browser, so the browser's side of WebOTP is stood in for by a script injected
 * before the page's own ({@code navigator.credentials.get} answering with the code once the test "receives the SMS"):
 * the form asks for an SMS code with an abort signal, fills the code in and submits it. Without that, a typed code
 * works as ever.
 */
class WebOtpBrowserIT extends ChromiumITBase {

    /** The browser's WebOTP as a page sees it, answering once {@code window.twilioOtpTestSms} holds a code. */
    private static final String BROWSER_WEB_OTP = """
            (function () {
                window.OTPCredential = window.OTPCredential || function OTPCredential() {};
                window.twilioOtpTestAsked = [];
                Object.defineProperty(navigator, "credentials", {configurable: true, value: {
                    get: function (options) {
                        window.twilioOtpTestAsked.push({transport: options.otp && options.otp.transport,
                            signal: options.signal instanceof AbortSignal});
                        return new Promise(function (resolve, reject) {
                            options.signal.addEventListener("abort", function () { reject(new DOMException("aborted", "AbortError")); });
                            var poll = setInterval(function () {
                                if (window.twilioOtpTestSms) {
                                    clearInterval(poll);
                                    resolve({type: "otp", id: "", code: window.twilioOtpTestSms});
                                }
                            }, 50);
                        });
                    }
                }});
            })();
            """;

    WebOtpBrowserIT() {
        super("1000,1050");
    }

    @BeforeEach
    void realm() {
        ensureTwilioRealm(VerifySignalsIT.REALM, VerifySignalsIT.STEP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCodeFromTheSmsIsFilledInAndSubmittedByTheForm() {
        ((HasCdp) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", BROWSER_WEB_OTP));
        String phone = TestUsers.newUsNumber();
        signIn(newUser(VerifySignalsIT.REALM, phone));

        List<Map<String, Object>> asked = (List<Map<String, Object>>) ((JavascriptExecutor) driver)
                .executeScript("return window.twilioOtpTestAsked;");
        assertThat(asked).as("the form asked the browser once, for an SMS code, with an abort signal").singleElement()
                .satisfies(ask -> {
                    assertThat(ask.get("transport")).isEqualTo(List.of("sms"));
                    assertThat(ask.get("signal")).isEqualTo(true);
                });
        ((JavascriptExecutor) driver).executeScript("window.twilioOtpTestSms = arguments[0];", codeFor(phone));

        assertRedirectedWithACode();
    }

    @Test
    void withoutTheBrowserFillingItInATypedCodeSignsInAsEver() {
        String phone = TestUsers.newUsNumber();
        signIn(newUser(VerifySignalsIT.REALM, phone));

        driver.findElement(By.id("code")).sendKeys(codeFor(phone));
        driver.findElement(By.id("kc-twilio-otp-verify")).click();

        assertRedirectedWithACode();
    }

    /** Signs in with the password and waits for the code form. */
    private void signIn(String username) {
        enterPassword(VerifySignalsIT.REALM, username, "");
        chromium.waitFor(By.id(CODE_FORM));
    }
}
