package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole login in headless Chromium (Debian's chromium and chromium-driver), with screenshots of our forms.
 * Without Chromium on the machine the test is skipped and says so; CI installs it.
 */
class BrowserLoginIT extends ChromiumITBase {

    BrowserLoginIT() {
        super("1000,1050");
    }

    @Test
    void newUserEntersPhoneThenCodeAndIsLoggedIn() throws IOException {
        String phone = TestUsers.newUsNumber();

        enterPassword(TestEnvironment.REALM, newUser(TestEnvironment.REALM, null), "");

        waitFor(By.id(PHONE_FORM));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus on the phone field").isEqualTo("phoneNumber");
        driver.findElement(By.id("phoneNumber")).sendKeys("(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8));
        screenshot("phone-form");
        driver.findElement(By.id("kc-twilio-otp-send")).click();

        waitFor(By.id(CODE_FORM));
        assertThat(driver.findElement(By.id("kc-twilio-otp-sent")).getText()).endsWith(phone.substring(phone.length() - 4) + ".");
        String code = codeFor(phone);
        driver.findElement(By.id("code")).sendKeys(code);
        screenshot("code-form");
        driver.findElement(By.id("kc-twilio-otp-verify")).click();

        assertRedirectedWithACode();
    }

    @Test
    void wrongCodeErrorIsShownOnTheFieldAtPhoneWidth() throws IOException {
        String phone = TestUsers.newUsNumber();
        driver.manage().window().setSize(new Dimension(390, 844));
        signInWithPhone(TestEnvironment.REALM, phone, "");
        String code = codeFor(phone);
        driver.findElement(By.id("code")).sendKeys(TestUsers.otherCodeThan(code));
        driver.findElement(By.id("kc-twilio-otp-verify")).click();

        waitFor(By.id("input-error-code"));
        assertThat(driver.findElement(By.id("code")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("wrong-code");
    }

    @Test
    void cooldownIsShownByTheServerAndCountedDownLive() throws IOException {
        String realm = TestEnvironment.REALM_VAULT;
        signInWithPhone(realm, TestUsers.newUsNumber(), "");

        assertThat(driver.findElement(By.id("kc-twilio-otp-resend")).isEnabled()).isFalse();
        int first = Integer.parseInt(driver.findElement(By.id("kc-twilio-otp-seconds")).getText());
        screenshot("code-form-cooldown");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d ->
                Integer.parseInt(d.findElement(By.id("kc-twilio-otp-seconds")).getText()) < first);
    }

    @Test
    void callMeInsteadSwitchesTheChannel() throws IOException {
        signInWithPhone(TestEnvironment.REALM_CHANNELS, TestUsers.newUsNumber(), "");

        driver.findElement(By.id("kc-twilio-otp-channel-call")).click();

        waitFor(By.id("kc-twilio-otp-sent"));
        assertThat(driver.findElement(By.id("kc-twilio-otp-sent")).getText()).startsWith("We are calling");
        screenshot("channel-switch");
    }

    @Test
    void loginPageInGermanShowsOurFormsInGerman() throws IOException {
        signInWithPhone(TestEnvironment.REALM, TestUsers.newUsNumber(), "&ui_locales=de");

        assertThat(driver.findElement(By.id("kc-twilio-otp-verify")).getText()).isNotEqualTo("Verify").isNotBlank();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        screenshot("code-form-de");
    }

    /** Creates a user with this phone, signs in with password and waits for our code form. */
    private void signInWithPhone(String realm, String phone, String extraQuery) {
        enterPassword(realm, newUser(realm, phone), extraQuery);
        waitFor(By.id(CODE_FORM));
    }

    private void waitFor(By element) {
        chromium.waitFor(element);
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
