package dev.vigil.e2e.suite;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
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
 * One headless Chromium session on the console (Debian {@code chromium} and {@code chromium-driver}, at 1440x900),
 * signed in through Keycloak's real login form; saves screenshots under {@code docs/console/}. Close it to end the
 * browser. The browser and driver paths can be changed with {@code VIGIL_CHROMIUM} and {@code VIGIL_CHROMEDRIVER}.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Where the screenshots go: {@code docs/console} of the project (the e2e module runs in {@code e2e/}). */
    static final Path SHOTS = Path.of(System.getProperty("user.dir")).resolve("../docs/console").normalize();

    /** The sessions not yet closed, so a test class can end any a failed test left ({@link #closeAll()}). */
    private static final java.util.Set<ConsoleBrowser> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ChromeDriverService service;
    final WebDriver driver;
    final WebDriverWait wait;
    final String console = LocalStack.url("console");

    ConsoleBrowser() {
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(LocalStack.env("VIGIL_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(LocalStack.env("VIGIL_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900",
                        "--disable-gpu", "--lang=en-US");
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop(); // a driver that never started still has its chromedriver process
            throw e;
        }
        OPEN.add(this);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the console as {@code user}: the console sends the browser to Keycloak, the form is filled in. */
    ConsoleBrowser signIn(String user) {
        driver.get(console + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DemoIdentities.password());
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
        return this;
    }

    /** Goes to a console path ({@code /findings?...}) and waits for the page's main element. */
    ConsoleBrowser open(String path) {
        driver.get(console + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Saves the viewport as {@code docs/console/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** Quits the browser and stops its chromedriver (idempotent). */
    @Override
    public void close() {
        if (OPEN.remove(this)) {
            try {
                driver.quit();
            } finally {
                service.stop();
            }
        }
    }

    /** Closes every session still open (for {@code @AfterEach}: a test that failed before its close). */
    static void closeAll() {
        OPEN.forEach(ConsoleBrowser::close);
    }
}
