package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

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
}
