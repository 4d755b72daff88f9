package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.HeadlessChromium;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole login in headless Chromium (Debian's chromium and chromium-driver), with screenshots of our forms.
 * Without Chromium on the machine the test is skipped and says so; CI installs it.
 */
@ExtendWith(TestEnvironment.class)
class BrowserLoginIT {

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private HeadlessChromium chromium;
    private WebDriver driver;

    @BeforeEach
    void startChromium() {
        chromium = HeadlessChromium.startOrSkip("1000,1050");
        driver = chromium.driver();
        twilio.reset();
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void newUserEntersPhoneThenCodeAndIsLoggedIn() throws IOException {
        String username = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        TestUsers.create(env.admin(), TestEnvironment.REALM, username, null);
        String phone = TestUsers.newUsNumber();

        driver.get(env.keycloak().baseUrl() + "/realms/" + TestEnvironment.REALM + "/protocol/openid-connect/auth"
                + "?response_type=code&scope=openid&client_id=" + RealmJson.CLIENT_ID + "&redirect_uri=" + LoginBrowser.REDIRECT_URI);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();

        waitFor(By.id("kc-twilio-otp-phone-form"));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus on the phone field").isEqualTo("phoneNumber");
        driver.findElement(By.id("phoneNumber")).sendKeys("(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8));
        screenshot("phone-form");
        driver.findElement(By.id("kc-twilio-otp-send")).click();

        waitFor(By.id("kc-twilio-otp-code-form"));
        assertThat(driver.findElement(By.id("kc-twilio-otp-sent")).getText()).endsWith(phone.substring(phone.length() - 4) + ".");
        String code = twilio.lastCodeSentTo(phone).orElseThrow();
        driver.findElement(By.id("code")).sendKeys(code);
        screenshot("code-form");
        driver.findElement(By.id("kc-twilio-otp-verify")).click();

        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(LoginBrowser.REDIRECT_URI)
                || d.getCurrentUrl().startsWith("chrome-error://"));
        assertThat(driver.getCurrentUrl()).contains("code=").doesNotContain("error=");
    }

    @Test
    void wrongCodeErrorIsShownOnTheFieldAtPhoneWidth() throws IOException {
        String phone = TestUsers.newUsNumber();
        driver.manage().window().setSize(new Dimension(390, 844));
        signInWithPhone(TestEnvironment.REALM, phone, "");
        String code = twilio.lastCodeSentTo(phone).orElseThrow();
        driver.findElement(By.id("code")).sendKeys(code.equals("000000") ? "111111" : "000000");
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
        String username = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        TestUsers.create(env.admin(), realm, username, phone);
        driver.get(env.keycloak().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?response_type=code&scope=openid&client_id=" + RealmJson.CLIENT_ID + "&redirect_uri=" + LoginBrowser.REDIRECT_URI
                + extraQuery);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        waitFor(By.id("kc-twilio-otp-code-form"));
    }

    private void waitFor(By element) {
        chromium.waitFor(element);
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
