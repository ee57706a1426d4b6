package io.phishfence.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer in a real, headless Chromium: Debian's {@code chromium} driven through {@code chromedriver}
 * (both from apt, installed by {@code .ci/run}). Selenium is given both paths, so it never downloads a browser.
 * Each method is one thing a person does on a page, by its labels and buttons.
 */
final class ChromeCustomer implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("phishfence.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("phishfence.chromedriver", "/usr/bin/chromedriver");

    private final String base;
    private final WebDriver driver;
    private final WebDriverWait wait;

    ChromeCustomer(String base) {
        this.base = base;
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--lang=en");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    void signUp(String email, String organization, String password) {
        driver.get(base + "/signup");
        field("E-mail").sendKeys(email);
        field("Organization").sendKeys(organization);
        field("Password").sendKeys(password);
        button("Sign up").click();
        wait.until(ExpectedConditions.titleContains("Check your inbox"));
    }

    /** On the page the verification link opens. */
    void confirmAddress() {
        button("Confirm my address").click();
        wait.until(ExpectedConditions.urlContains("/login?verified=true"));
    }

    void logIn(String email, String password) {
        if (!driver.getCurrentUrl().contains("/login")) {
            driver.get(base + "/login");
        }
        field("E-mail").sendKeys(email);
        field("Password").sendKeys(password);
        button("Log in").click();
        wait.until(ExpectedConditions.urlContains("/domains"));
    }

    void addDomain(String name) {
        driver.get(base + "/domains");
        field("Add a domain").sendKeys(name);
        button("Add domain").click();
        wait.until(ExpectedConditions.urlContains("/domains/" + name));
    }

    /** The TLS-RPT record the domain page asks to publish. */
    String setupRecord() {
        return driver.findElement(By.xpath("//h2[normalize-space()='Set up TLS reporting']/following-sibling::pre[1]")).getText();
    }

    /** The secret part of the tenant's HTTPS reporting address, as the page shows it. */
    String ruaToken() {
        driver.get(base + "/domains");
        String https = driver.findElement(By.id("rua-https")).getText();
        return https.substring(https.lastIndexOf('/') + 1);
    }

    /**
     * Opens the domain's page, presses "Check now" and waits, without reloading, until the status section shows the check's result: htmx
     * polls it in place. A marker set on the page before the wait proves that no navigation happened.
     *
     * @return the status section's text
     */
    String checkNowAndAwaitStatusInPlace(String domain) {
        driver.get(base + "/domains/" + domain);
        button("Check now").click();
        wait.until(ExpectedConditions.urlContains("checking="));
        var js = (JavascriptExecutor) driver;
        js.executeScript("window.stillTheSamePage = true;");
        // htmx replaces #check-status as it polls: one found just before a swap is stale when read, so the
        // next poll finds the new one.
        String status = new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.id("check-status")).getText();
            return text.contains("Last checked") && !text.contains("Checking ") ? text : null;
        });
        if (!Boolean.TRUE.equals(js.executeScript("return window.stillTheSamePage === true;"))) {
            throw new AssertionError("the page was reloaded: the status should have been swapped in place");
        }
        return status;
    }

    /** Reloads the domain page, as a person would, until the report is listed. */
    void awaitReportOnDomainPage(String domain, String reportId) {
        new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(500)).until(d -> {
            d.get(base + "/domains/" + domain);
            return d.getPageSource().contains(reportId);
        });
    }

    /**
     * What the domain page shows of one report: its row with the session counts, and the daily chart that
     * chart.js drew in the browser, whose successful and failed series count the report's sessions.
     */
    void assertDomainPageShowsReport(String reportId, long successful, long failed) {
        WebElement row = driver.findElement(By.xpath("//tr[td[normalize-space()='" + reportId + "']]"));
        List<String> headers = row.findElements(By.xpath("ancestor::table[1]/thead//th")).stream()
                .map(WebElement::getText).toList();
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(Long.toString(successful), cells.get(headers.indexOf("Successful")), "row " + cells);
        assertEquals(Long.toString(failed), cells.get(headers.indexOf("Failed")), "row " + cells);
        List<Long> totals = dailyChartTotals();
        assertEquals(List.of(successful, failed), totals, "the daily chart's series: successful, failed");
    }

    /** The sum of each series of the page's first chart (the daily one), once chart.js has drawn it. */
    private List<Long> dailyChartTotals() {
        Object sums = wait.until(d -> ((JavascriptExecutor) d).executeScript("""
                var canvas = document.querySelector('canvas[data-chart]');
                var chart = canvas && window.Chart && window.Chart.getChart(canvas);
                if (!chart) { return null; }
                return chart.data.datasets.map(function (series) {
                  return series.data.reduce(function (sum, value) { return sum + (value || 0); }, 0);
                });
                """));
        return ((List<?>) sums).stream().map(n -> ((Number) n).longValue()).toList();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        return Files.write(file, png);
    }

    /** The input that a label with this text names (labels are how people, and screen readers, find fields). */
    private WebElement field(String label) {
        WebElement element = driver.findElement(By.xpath("//label[starts-with(normalize-space(), '" + label + "')]"));
        return driver.findElement(By.id(element.getDomAttribute("for")));
    }

    private WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
