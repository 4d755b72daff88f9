package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.HeadlessChromium;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@link KeycloakITBase} with a new headless Chromium for each test, closed after it; without Chromium on the machine
 * the tests are skipped and say why ({@link HeadlessChromium#startOrSkip}).
 */
abstract class ChromiumITBase extends KeycloakITBase {

    private final String windowSize;
    protected HeadlessChromium chromium;
    protected WebDriver driver;

    /** @param windowSize the window Chromium starts with, {@code "1000,1050"}: the screenshots' size */
    ChromiumITBase(String windowSize) {
        this.windowSize = windowSize;
    }

    @BeforeEach
    final void startChromium() {
        chromium = HeadlessChromium.startOrSkip(windowSize);
        driver = chromium.driver();
    }

    @AfterEach
    final void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Opens the test client's sign-in page ({@code extraQuery} such as {@code &ui_locales=de}) and signs in with the password. */
    protected void enterPassword(String realm, String username, String extraQuery) {
        driver.get(env.keycloak().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?response_type=code&scope=openid&client_id=" + RealmJson.CLIENT_ID + "&redirect_uri=" + LoginBrowser.REDIRECT_URI
                + extraQuery);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    /** The client's redirect URI was reached with an authorization code (nothing listens there: Chromium's error page). */
    protected void assertRedirectedWithACode() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(LoginBrowser.REDIRECT_URI)
                || d.getCurrentUrl().startsWith("chrome-error://"));
        assertThat(driver.getCurrentUrl()).contains("code=").doesNotContain("error=");
    }
}
