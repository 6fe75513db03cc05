package dev.localdb.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/**
 * The dashboard as a person uses it, in a real headless Chromium (Debian's chromium and
 * chromium-driver; ./mvnw verify installs them, or fails naming them): the rows of two projects,
 * a stop clicked and seen without a reload, a project started from the CLI appearing by itself, a
 * project's log, forget's confirmation, a click while the daemon is down and the page's recovery
 * when it is back, and a screenshot in target/ for people to look at.
 */
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@TempDir
	Path home;

	DaemonHome localdb;

	WebDriver browser;

	@BeforeEach
	void openTheDashboard() throws Exception {
		assertThat(CHROMIUM).as("Debian's chromium (./mvnw verify installs it; or apt-get install chromium)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium-driver)").isExecutable();
		this.localdb = new DaemonHome(this.home);
		for (String project : new String[] { "diary", "blog" }) {
			Result started = this.localdb.run("start", project, "--no-browser");
			assertThat(started.exitCode()).as(started.stderr()).isZero();
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,800",
				"--user-data-dir=" + Files.createDirectories(this.home.resolve("chromium-profile")));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		Result dashboard = this.localdb.run("dashboard", "--no-browser");
		assertThat(dashboard.exitCode()).as(dashboard.stderr()).isZero();
		this.browser.get(dashboard.stdout().lines().findFirst().orElseThrow());
	}

	@AfterEach
	void closeEverything() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.localdb != null) {
			this.localdb.close();
		}
	}

	@Test
	void showsProjectsStopsOneAndSeesChangesFromTheCliWithoutAReload() throws Exception {
		WebDriverWait patience = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		patience.until(driver -> state("diary").equals("running") && state("blog").equals("running"));
		Object loadedAt = script("return window.localdbLoadedAt");

		row("blog").findElement(By.cssSelector("button[data-action='stop']")).click();
		patience.until(driver -> state("blog").equals("stopped"));
		assertThat(this.localdb.run("port", "blog").exitCode()).as("blog released its port").isEqualTo(3);

		Result started = this.localdb.run("start", "shop", "--no-browser");
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		patience.until(driver -> !driver.findElements(By.cssSelector("tr[data-project='shop']")).isEmpty()
				&& state("shop").equals("running"));

		row("diary").findElement(By.cssSelector("button[data-log]")).click();
		patience.until(driver -> driver.findElement(By.id("log")).getText().contains("LocalDB Studio for diary listening"));

		assertThat(script("return window.localdbLoadedAt")).as("no reload").isEqualTo(loadedAt);
		Path screenshot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(Path.of("target"));
		Files.copy(screenshot, Path.of("target/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void aProjectOpensByItsNameAsChromiumResolvesStarDotLocalhostItself() throws Exception {
		WebDriverWait patience = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		String named = "http://diary.localhost:" + this.localdb.webPort() + "/";
		patience.until(driver -> state("diary").equals("running"));
		patience.until(driver -> named.equals(row("diary").findElement(By.cssSelector(".open a")).getAttribute("href")));
		this.browser.get(named);
		assertThat(this.browser.getTitle()).isEqualTo("diary · LocalDB Studio");
		assertThat(this.browser.getPageSource()).contains("LocalDB Studio is running for project");
		this.browser.get("http://nosuch.localhost:" + this.localdb.webPort() + "/");
		assertThat(this.browser.getPageSource()).contains("localdb start nosuch").contains(named);
	}

	@Test
	void anActionWithoutTheTokenIsRefused() throws Exception {
		assertThat(this.browser.getCurrentUrl()).as("the token left the address bar").doesNotContain("token");
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript(
				"const done = arguments[0]; fetch('/dashboard/projects/diary/stop', {method: 'POST', credentials: 'omit'})"
						+ ".then(r => done(r.status)).catch(e => done(String(e)));");
		assertThat(status).isEqualTo(403L);
		assertThat(this.localdb.run("port", "diary").exitCode()).as("diary still runs").isZero();
	}

	@Test
	void forgetAsksFirstAndDoesNothingWhenDeclined() throws Exception {
		WebDriverWait patience = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		patience.until(driver -> state("blog").equals("running"));
		row("blog").findElement(By.cssSelector("button[data-action='forget']")).click();
		Alert confirmation = patience.until(ExpectedConditions.alertIsPresent());
		assertThat(confirmation.getText()).contains("Forget blog?");
		confirmation.dismiss();
		assertThat(this.localdb.run("port", "blog").exitCode()).as("blog still runs").isZero();

		row("blog").findElement(By.cssSelector("button[data-action='forget']")).click();
		patience.until(ExpectedConditions.alertIsPresent()).accept();
		patience.until(driver -> driver.findElements(By.cssSelector("tr[data-project='blog']")).isEmpty());
		assertThat(this.browser.findElement(By.id("notice")).getText()).contains("blog forgotten");
	}

	@Test
	void withTheDaemonDownAClickSaysSoAndTheDaemonsReturnNeedsNoReload() throws Exception {
		WebDriverWait patience = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		patience.until(driver -> state("blog").equals("running"));
		Object loadedAt = script("return window.localdbLoadedAt");
		row("blog").findElement(By.cssSelector("button[data-action='stop']")).click();
		patience.until(driver -> driver.findElement(By.id("notice")).getText().contains("blog stopped"));

		Result stopped = this.localdb.run("daemon", "stop");
		assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
		patience.until(driver -> driver.findElement(By.id("live")).getText().contains("reconnecting"));
		row("blog").findElement(By.cssSelector("button[data-action='start']")).click();
		patience.until(driver -> driver.findElement(By.id("error")).isDisplayed());
		assertThat(this.browser.findElement(By.id("error")).getText()).contains("does not answer");
		assertThat(this.browser.findElement(By.id("notice")).getText()).as("the old success is gone").isEmpty();

		Result listed = this.localdb.run("list");
		assertThat(listed.exitCode()).as("a command starts the daemon again: " + listed.stderr()).isZero();
		patience.until(driver -> driver.findElement(By.id("live")).getText().contains("live"));
		row("blog").findElement(By.cssSelector("button[data-action='start']")).click();
		patience.until(driver -> state("blog").equals("running"));
		assertThat(this.browser.findElement(By.id("error")).isDisplayed()).isFalse();
		assertThat(script("return window.localdbLoadedAt")).as("no reload").isEqualTo(loadedAt);
	}

	private WebElement row(String project) {
		return this.browser.findElement(By.cssSelector("tr[data-project='" + project + "']"));
	}

	private String state(String project) {
		try {
			return row(project).findElement(By.cssSelector(".state")).getText();
		}
		catch (NoSuchElementException | StaleElementReferenceException ex) {
			return "";
		}
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

}
