package io.slacker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium. Both cluster
 * servers appear; one stops and disappears from the open page without a reload. Screenshots at
 * 1280x800 and phone width go to {@code target/}. Without Chromium the test is skipped, except
 * under CI ({@code CI=true}) where it fails.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(present).as("CI needs Debian's chromium and chromium-driver (.ci/run installs them)").isTrue();
        }
        Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
    }

    private static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Sets the page's viewport (the window size would include the browser's own chrome). */
    private static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
            "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
    }

    @Test
    void listsBothServersAndDropsOneThatStopsWithoutReload() throws Exception {
        requireChromium();
        Path profile = Files.createTempDirectory("slacker-chromium-");
        AtomicBoolean calling = new AtomicBoolean(true);
        try (TestingServer zk = new TestingServer()) {
            ClusterServer metered = TestCluster.meteredNode(zk.getConnectString());
            ClusterServer plain = TestCluster.plainNode(zk.getConnectString());
            Thread load = null;
            try (Dashboard dashboard = Dashboard.builder().zookeeper(zk.getConnectString()).cluster(TestCluster.NAME)
                     .host("127.0.0.1").port(0).metricsInterval(Duration.ofMillis(300)).start();
                 SlackerClient client = SlackerClient.builder().address(metered.address()).build()) {
                load = new Thread(() -> {
                    while (calling.get()) {
                        try {
                            client.call("dashboard.greeter", "greet", List.of("browser"));
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                }, "dashboard-load");
                load.setDaemon(true);
                load.start();
                ChromeDriver driver = browser(profile);
                try {
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                    viewport(driver, 1280, 800, false);
                    driver.get("http://127.0.0.1:" + dashboard.port() + "/");
                    By meteredCard = By.cssSelector("[data-server='" + metered.address() + "']");
                    By plainCard = By.cssSelector("[data-server='" + plain.address() + "']");
                    wait.until(ExpectedConditions.presenceOfElementLocated(meteredCard));
                    wait.until(ExpectedConditions.presenceOfElementLocated(plainCard));
                    wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
                    assertThat(driver.findElements(By.cssSelector("[data-namespace='dashboard.greeter'] .badge.leader")))
                        .hasSize(1);
                    // call figures of the metered server, once two scrapes are in
                    // (the page re-renders on every update: locate afresh, act in one script)
                    wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("[data-server='" + metered.address() + "'] .figures")));
                    driver.executeScript("document.querySelector(\"[data-namespace='dashboard.greeter'] details\").open = true;");
                    screenshot(driver, "dashboard-1280x800.png");

                    driver.executeScript("window.__notReloaded = 42;");
                    plain.close();
                    wait.until(ExpectedConditions.numberOfElementsToBe(plainCard, 0));
                    assertThat(driver.findElements(By.cssSelector("[data-ns-server='" + plain.address() + "']"))).isEmpty();
                    assertThat(driver.findElements(meteredCard)).hasSize(1);
                    assertThat(driver.executeScript("return window.__notReloaded;")).isEqualTo(42L);

                    viewport(driver, 390, 844, true);
                    Object overflow = driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    assertThat(((Number) overflow).longValue()).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
                    screenshot(driver, "dashboard-phone.png");
                } finally {
                    driver.quit();
                }
            } finally {
                calling.set(false);
                if (load != null) {
                    load.join(10_000);
                }
                plain.close();
                metered.close();
            }
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
