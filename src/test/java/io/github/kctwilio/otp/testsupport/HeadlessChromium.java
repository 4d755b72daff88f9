package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, for the browser tests. Without Chromium on the machine
 * {@link #startOrSkip} skips the calling test and says why (the rest of the suite needs no OS package).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Selenium warns at every start that it has no DevTools (CDP) classes for this Chromium's version. The tests use
     * WebDriver only, never CDP, so the warning says nothing about them; errors from these loggers still print. Held
     * here because java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> CDP_VERSION_LOGGERS = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        CDP_VERSION_LOGGERS.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final WebDriver driver;

    private HeadlessChromium(WebDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium with this window size ({@code "1000,1050"}), or skips the test when it is not installed. */
    public static HeadlessChromium startOrSkip(String windowSize) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "SKIPPED: no Chromium at " + CHROMIUM + " / " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--lang=en-US", "--window-size=" + windowSize);
        return new HeadlessChromium(new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to 20 s for an element to be in the page and returns it. */
    public WebElement waitFor(By element) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Waits up to 20 s for an element to be shown and returns it. */
    public WebElement waitForVisible(By element) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /** Scrolls whatever scrolls so that this element is in the middle of the window. */
    public void scrollToMiddle(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Scrolls whatever scrolls so that this element is at the top of its scrolling box (a dialog's body, say). */
    public void scrollToTop(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
    }

    /** The window as it is now, as {@code target/screenshots/<name>.png} (README images are copied from there). */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
