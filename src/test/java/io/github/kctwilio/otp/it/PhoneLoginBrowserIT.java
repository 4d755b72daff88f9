package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Phone sign-in as a person meets it, in headless Chromium: the password form's "Try another way", the choice "Sign in
 * with a phone number instead", the number in a national spelling, the code, and signed in as the number's holder.
 * The screenshots are the README's.
 */
class PhoneLoginBrowserIT extends ChromiumITBase {

    PhoneLoginBrowserIT() {
        super("1000,1050");
    }

    @BeforeEach
    void realms() {
        new PhoneLoginRealms(admin);
    }

    @Test
    void aPersonChoosesPhoneSignInTypesTheirNumberAndTheCodeAndIsSignedInAsTheHolder() throws Exception {
        String realm = PhoneLoginRealms.PHONE_OR_PASSWORD;
        String phone = TestUsers.newUsNumber();
        String holder = newUserWithPhones(realm, phone);
        driver.get(env.keycloak().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + RealmJson.CLIENT_ID + "&redirect_uri=" + LoginBrowser.REDIRECT_URI);

        driver.findElement(By.id("try-another-way")).click();
        By phoneChoice = By.xpath("//div[@role='button'][.//h2[contains(normalize-space(.), 'Sign in with a phone number instead')]]");
        chromium.waitFor(phoneChoice);
        screenshot("phone-login-choice");
        driver.findElement(phoneChoice).click();

        chromium.waitFor(By.id(PHONE_FORM));
        driver.findElement(By.id("phoneNumber")).sendKeys("(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8));
        screenshot("phone-login-number");
        driver.findElement(By.id("kc-twilio-otp-send")).click();

        chromium.waitFor(By.id(CODE_FORM));
        assertThat(driver.findElement(By.id("kc-twilio-otp-sent")).getText()).as("it tells nothing about the number")
                .isEqualTo("If this number belongs to an account, we sent a code to it.");
        driver.findElement(By.id("code")).sendKeys(codeFor(phone));
        screenshot("phone-login-code");
        driver.findElement(By.id("kc-twilio-otp-verify")).click();

        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(LoginBrowser.REDIRECT_URI)
                || d.getCurrentUrl().startsWith("chrome-error://"));
        String redirect = driver.getCurrentUrl();
        assertThat(redirect).contains("code=").doesNotContain("error=");
        assertThat(OidcTokens.idTokenClaims(env.keycloak().baseUrl(), realm, redirect).path("preferred_username").asText())
                .isEqualTo(holder);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
