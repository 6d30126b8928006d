package dev.vigil.e2e.suite;

import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.eq;
import static dev.vigil.e2e.suite.GuardDutyApi.getFindings;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.e2e.DemoIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in a real browser (headless Debian Chromium through Selenium) against the real stack: Keycloak's
 * login form, the console, the gateway and the services. Findings are made through the API (CreateSampleFindings) as
 * admin-111; each identity then sees what the API shows it: the administrator filters, opens a detail and archives;
 * the analyst is offered no archive; admin-333 sees none of 111's findings and gets "not found" for one of them, as
 * for a missing ID; admin-111 invites 222222222222 and admin-222 accepts; a list is refused, created and deleted and
 * the settings read; flow records posted to ingest appear on the Usage page as records and bytes analysed; a
 * suppression rule is made from the filter, its rank and then its criteria edited (as the filter's fields, and a rule
 * made through the API as JSON, refused when not JSON) with the match count previewed, and GetFilter answers the
 * saved criteria. Screenshots of each page go to {@code docs/console/} (1440x900).
 */
class ConsoleIT {

    private static final String TYPE = "Backdoor:EC2/C&CActivity.B";
    private static String detector;
    private static String sample;
    private static java.util.Set<Long> threadsBefore;

    @BeforeAll
    static void sampleFindings() {
        threadsBefore = Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
                .collect(java.util.stream.Collectors.toSet());
        detector = ensureDetector(DemoIdentities.ADMIN_111);
        ensureDetector(DemoIdentities.ADMIN_333);
        as(DemoIdentities.ADMIN_111, "findings").body(Map.of("findingTypes", List.of(TYPE,
                        "Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce", "Discovery:S3/MaliciousIPCaller",
                        "CryptoCurrency:EC2/BitcoinTool.B!DNS", "Trojan:EC2/DNSDataExfiltration")))
                .post("/detector/" + detector + "/findings/create").then().statusCode(200);
        List<String> ids = listFindings(DemoIdentities.ADMIN_111, detector, Map.of("type", Map.of("eq", List.of(TYPE)),
                "service.archived", Map.of("eq", List.of("false"))));
        assertThat(ids).isNotEmpty();
        sample = ids.get(0);
    }

    /** A test that failed before closing its browser leaves no Chromium or chromedriver behind. */
    @AfterEach
    void closeBrowsers() {
        ConsoleBrowser.closeAll();
    }

    /**
     * No thread this class started outlives it unless it is a daemon: a non-daemon one keeps the failsafe JVM alive
     * past its 30 s exit timeout (a run once ended with exit code 131 that way). Waits up to 10 s for them to end.
     */
    @AfterAll
    static void noNonDaemonThreadIsLeft() throws InterruptedException {
        ConsoleBrowser.closeAll();
        List<String> left = List.of();
        for (int i = 0; i < 20; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && !threadsBefore.contains(t.getId()))
                    .map(Thread::getName).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(left).as("non-daemon threads left by ConsoleIT").isEmpty();
    }

    @Test
    void anAdministratorInvitesAMemberWhoAccepts() {
        String adminDetector = detector;
        ensureDetector(DemoIdentities.ADMIN_222); // the member accepts with its own detector
        // start from no relationship: the console makes the member (CreateMembers) and invites it
        as(DemoIdentities.ADMIN_111, "accounts").body(Map.of("accountIds", List.of(DemoIdentities.MEMBER_ACCOUNT)))
                .post("/detector/" + adminDetector + "/member/disassociate");
        as(DemoIdentities.ADMIN_111, "accounts").body(Map.of("accountIds", List.of(DemoIdentities.MEMBER_ACCOUNT)))
                .post("/detector/" + adminDetector + "/member/delete");
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111).open("/accounts");
            b.find("#i-account").sendKeys("12");
            b.find("#i-email").sendKeys("admin-222@example.com");
            b.find("#invite").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("e-accountId")));
            b.find("#i-account").clear();
            b.find("#i-account").sendKeys(DemoIdentities.MEMBER_ACCOUNT);
            b.find("#invite").click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Invited"));
            assertThat(b.find("tr.member-row[data-account='" + DemoIdentities.MEMBER_ACCOUNT + "'] .relationship").getText())
                    .isEqualTo("Invited");
            b.screenshot("accounts-invited");
        }
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_222).open("/accounts");
            WebElement invitation = b.find("tr.invitation-row[data-account='" + DemoIdentities.ADMIN_ACCOUNT + "']");
            assertThat(invitation.getText()).contains("Invited");
            b.screenshot("accounts-invitation");
            invitation.findElement(By.cssSelector("button.accept")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Accepted"));
        }
        assertThat(as(DemoIdentities.ADMIN_111, "accounts").body(Map.of("accountIds", List.of(DemoIdentities.MEMBER_ACCOUNT)))
                .post("/detector/" + adminDetector + "/member/get").then().statusCode(200).extract()
                .<String>path("members[0].relationshipStatus")).isEqualTo("Enabled");
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111).open("/accounts");
            assertThat(b.find("tr.member-row[data-account='" + DemoIdentities.MEMBER_ACCOUNT + "'] .relationship").getText())
                    .isEqualTo("Enabled");
            b.screenshot("accounts");
        }
    }

    @Test
    void anAdministratorCreatesAndDeletesAListAndSeesTheSettings() {
        String name = "console-it-" + Long.toString(System.nanoTime(), 36);
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111).open("/lists");
            b.find("#l-name").sendKeys(name);
            b.find("#l-location").sendKeys("ftp://example.com/list.txt");
            b.find("#l-activate").click(); // not now: an upload location has no content yet
            b.find("#create-list").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
            assertThat(b.find("#l-location").getAttribute("aria-invalid")).isEqualTo("true");
            b.find("#l-location").clear();
            b.find("#l-location").sendKeys("vigil://upload/" + name);
            b.find("#create-list").click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Created"));
            WebElement row = b.find("tr.list-row[data-name='" + name + "']");
            assertThat(row.getText()).contains("Trusted IP list").contains("INACTIVE");
            b.screenshot("lists");
            row.findElement(By.cssSelector("button.delete")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Deleted"));
            assertThat(b.driver.findElements(By.cssSelector("tr.list-row[data-name='" + name + "']"))).isEmpty();

            b.open("/settings");
            assertThat(b.find("main").getText()).contains("Publishing destinations").contains("Log sources");
            assertThat(b.find("#detector-status").getText()).isEqualTo("ENABLED");
            assertThat(b.find("#detector-frequency").getText()).isNotBlank();
            b.screenshot("settings");
        }
    }

    @Test
    void anAdministratorFiltersOpensArchivesAndSignsOut() {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111);
            assertThat(b.find("#signed-in-as").getText()).isEqualTo(DemoIdentities.ADMIN_111);
            assertThat(b.find("h1").getText()).isEqualTo("Summary");
            assertThat(b.driver.findElements(By.cssSelector(".band-label"))).extracting(WebElement::getText)
                    .containsExactly("Low", "Medium", "High", "Critical");
            assertThat(b.driver.findElements(By.cssSelector("svg.chart rect.bar"))).hasSize(14);
            b.screenshot("summary");

            b.open("/findings");
            assertThat(b.driver.findElements(By.cssSelector("tr.finding-row"))).isNotEmpty();
            b.screenshot("findings");

            // filter by type and severity with the form
            b.find("#f-type").sendKeys(TYPE);
            new org.openqa.selenium.support.ui.Select(b.find("#f-severity")).selectByValue("HIGH");
            b.find("#apply-filter").click();
            b.wait.until(d -> d.getCurrentUrl().contains("type="));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.finding-row")));
            List<WebElement> rows = b.driver.findElements(By.cssSelector("tr.finding-row"));
            assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains(TYPE).contains("High 8.0"));
            b.screenshot("findings-filtered");

            // open the detail
            b.open("/findings/" + sample);
            assertThat(b.find("#finding-id").getText()).isEqualTo(sample);
            assertThat(b.find("main").getText()).contains("Resource affected").contains("Action")
                    .contains("GeneratedFindingCountryName").contains("ASFF").contains("OCSF");
            b.screenshot("finding");

            // archive it from the table
            b.open("/findings?type=" + java.net.URLEncoder.encode(TYPE, java.nio.charset.StandardCharsets.UTF_8));
            b.find("input[name=id][value='" + sample + "']").click();
            b.find("#archive").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
            assertThat(b.find(".notice").getText()).isEqualTo("Archived the selected findings.");
            assertThat(b.driver.findElements(By.cssSelector("input[name=id][value='" + sample + "']"))).isEmpty();
            assertThat(getFindings(DemoIdentities.ADMIN_111, detector, List.of(sample)).get(0))
                    .extracting(f -> ((Map<?, ?>) f.get("service")).get("archived")).isEqualTo(true);
            b.screenshot("findings-archived");

            // usage: records and bytes analysed, the estimated cost and the free trial, as the API gives them; 40 flow
            // records of 111111111111 posted to ingest show up in the FLOW_LOGS row
            b.open("/usage");
            assertThat(b.find("h1").getText()).isEqualTo("Usage");
            assertThat(b.find("#free-trial").getText()).contains("days remaining");
            assertThat(b.find("section[aria-labelledby=u-sources] thead").getText()).contains("Records analysed")
                    .contains("Bytes analysed").contains("Estimated cost");
            long[] before = flowUsage(b);
            ingestFlowRecords(40);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> flowUsage(b.open("/usage"))[0] >= before[0] + 40);
            assertThat(flowUsage(b)[1]).isGreaterThan(before[1]);
            b.screenshot("usage");

            // sign out: Keycloak's session ends too, the console asks for a sign-in again
            b.find("#sign-out").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
            b.screenshot("signed-out");
            b.driver.get(b.console + "/findings");
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        } finally {
            as(DemoIdentities.ADMIN_111, "findings").body(Map.of("findingIds", List.of(sample)))
                    .post("/detector/" + detector + "/findings/unarchive").then().statusCode(200);
        }
    }

    /** The Usage page's FLOW_LOGS row by data source: records and bytes analysed ({0, 0} without the row). */
    private static long[] flowUsage(ConsoleBrowser b) {
        List<WebElement> row = b.driver.findElements(By.xpath("//section[@aria-labelledby='u-sources']//tr[td[1]='FLOW_LOGS']"));
        if (row.isEmpty()) {
            return new long[] {0, 0};
        }
        List<WebElement> cells = row.get(0).findElements(By.tagName("td"));
        return new long[] {Long.parseLong(cells.get(1).getText().replace(",", "")),
            Long.parseLong(cells.get(2).findElement(By.tagName("data")).getAttribute("value"))};
    }

    /**
     * Posts {@code n} flow records of 111111111111 (one new interface) to ingest as the collector, once ingest knows
     * the account's detector (a one-record probe is accepted first).
     */
    private static void ingestFlowRecords(int n) {
        long t = Instant.now().minusSeconds(600).getEpochSecond();
        String eni = "eni-%017x".formatted(ThreadLocalRandom.current().nextLong(1L << 60));
        IntFunction<String> line = i -> "2 " + DemoIdentities.ADMIN_ACCOUNT + " " + eni + " 10.0.0.1 "
                + "203.0.113.9 " + (40000 + i) + " 443 6 1 40 " + t + " " + (t + 1) + " ACCEPT OK\n";
        await().atMost(Duration.ofSeconds(30)).until(() -> as(DemoIdentities.COLLECTOR,
                "ingest").body(line.apply(0)).post("/ingest/v1/flow-logs?region=us-east-1").then().statusCode(200)
                .extract().<Integer>path("accepted") == 1);
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            body.append(line.apply(i));
        }
        as(DemoIdentities.COLLECTOR, "ingest").body(body.toString()).post("/ingest/v1/flow-logs?region=us-east-1").then()
                .statusCode(200).body("accepted", equalTo(n));
    }

    @Test
    void anAnalystIsNotOfferedArchive() {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ANALYST_111).open("/findings");
            assertThat(b.driver.findElements(By.cssSelector("tr.finding-row"))).isNotEmpty();
            assertThat(b.driver.findElements(By.id("archive"))).isEmpty();
            assertThat(b.driver.findElements(By.id("useful"))).hasSize(1);
            b.screenshot("findings-analyst");
        }
    }

    @Test
    void anotherTenantSeesNoneOfTheFindingsAndNotFoundForOne() {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_333).open("/findings?status=all");
            assertThat(b.driver.getPageSource()).doesNotContain(sample).doesNotContain(DemoIdentities.ADMIN_ACCOUNT);
            b.open("/findings/" + sample);
            String foreign = b.find("#error-heading").getText() + " " + b.find("#error-message").getText();
            b.screenshot("finding-not-found");
            b.open("/findings/00000000000000000000000000000000");
            String missing = b.find("#error-heading").getText() + " " + b.find("#error-message").getText();
            assertThat(foreign.replace(sample, "ID")).isEqualTo(missing.replace("00000000000000000000000000000000", "ID"))
                    .startsWith("Not found");
        }
    }

    @Test
    void anAdministratorSavesASuppressionRuleFromTheFilterEditsAndDeletesIt() {
        String quiet = "Discovery:S3/MaliciousIPCaller";
        String name = "console-it-" + Long.toString(System.nanoTime(), 36);
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111)
                    .open("/findings?type=" + java.net.URLEncoder.encode(quiet, java.nio.charset.StandardCharsets.UTF_8));
            b.find("#rule-from-filter").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-matching")));
            assertThat(b.find("#rule-criteria").getText()).contains(quiet);
            assertThat(Long.parseLong(b.find("#rule-matching").getText())).isPositive();
            // the API's refusal, beside the field it names
            b.find("#r-name").sendKeys("x");
            b.find("#save-rule").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("e-name")));
            assertThat(b.find("#e-name").getText()).contains("name");
            b.find("#r-name").clear();
            b.find("#r-name").sendKeys(name);
            b.find("#r-description").sendKeys("made by ConsoleIT");
            b.screenshot("rules-new");
            b.find("#save-rule").click();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
            WebElement row = b.driver.findElements(By.cssSelector("tr.rule-row")).stream()
                    .filter(r -> r.getText().contains(name)).findFirst().orElseThrow();
            assertThat(row.getText()).contains("Suppress (archive)").contains(quiet);
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<String>path("action")).isEqualTo("ARCHIVE");
            b.screenshot("rules");
            row.findElement(By.cssSelector("details.rule-edit summary")).click(); // edit: rank and action
            WebElement rank = row.findElement(By.cssSelector("input[name=rank]"));
            rank.clear();
            rank.sendKeys("7");
            row.findElement(By.cssSelector("form[action='/rules/update'] button[aria-label^='Save rule']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Updated"));
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<Integer>path("rank")).isEqualTo(7);
            // edit the criteria as the filter's fields: prefilled, the match count previewed (htmx), then saved
            String other = "CryptoCurrency:EC2/BitcoinTool.B!DNS";
            row = ruleRow(b, name);
            row.findElement(By.cssSelector("details.rule-edit summary")).click();
            WebElement type = row.findElement(By.cssSelector("input[name=type]"));
            assertThat(type.getAttribute("value")).isEqualTo(quiet);
            type.clear();
            type.sendKeys(other);
            assertThat(previewMatches(b, row)).isPositive();
            assertThat(row.findElement(By.cssSelector("input[name=type]")).getAttribute("value")).isEqualTo(other);
            row.findElement(By.cssSelector("form[action='/rules/update'] button[aria-label^='Save rule']")).click();
            b.wait.until(ExpectedConditions.stalenessOf(row));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Updated"));
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<List<String>>path("findingCriteria.criterion.type.eq"))
                    .containsExactly(other);
            assertThat(ruleRow(b, name).getText()).contains(other).doesNotContain(quiet);
            row = ruleRow(b, name);
            row.findElement(By.cssSelector("form[action='/rules/delete'] button[type=submit]")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Deleted"));
            assertThat(b.find("main").getText()).doesNotContain(name);
        } finally {
            as(DemoIdentities.ADMIN_111, "findings").delete("/detector/" + detector + "/filter/" + name);
        }
    }

    @Test
    void anAdministratorEditsTheJsonCriteriaOfARuleMadeThroughTheApi() {
        String name = "console-it-json-" + Long.toString(System.nanoTime(), 36);
        String probe = "Recon:EC2/PortProbeUnprotectedPort";
        String brute = "UnauthorizedAccess:EC2/SSHBruteForce";
        // two values of one criterion: more than the console's filter fields can show
        as(DemoIdentities.ADMIN_111, "findings").body(Map.of("name", name, "action", "NOOP", "findingCriteria",
                        Map.of("criterion", Map.of("type", Map.of("eq", List.of(TYPE, probe))))))
                .post("/detector/" + detector + "/filter").then().statusCode(200);
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(DemoIdentities.ADMIN_111).open("/rules");
            WebElement row = ruleRow(b, name);
            row.findElement(By.cssSelector("details.rule-edit summary")).click();
            assertThat(row.findElements(By.cssSelector("input[name=type]"))).isEmpty();
            WebElement json = row.findElement(By.cssSelector("textarea[name=findingCriteria]"));
            assertThat(json.getAttribute("value")).contains(TYPE).contains(probe);
            // not JSON: the message beside the textarea, the text kept, nothing saved
            String typed = "{\"criterion\": {\"type\": {\"eq\": [\"" + brute + "\"";
            json.clear();
            json.sendKeys(typed);
            row.findElement(By.cssSelector("form[action='/rules/update'] button[aria-label^='Save rule']")).click();
            WebElement error = b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ue-criteria-" + name)));
            assertThat(error.getText()).contains("not valid JSON");
            row = ruleRow(b, name);
            assertThat(row.findElement(By.cssSelector("textarea[name=findingCriteria]")).getAttribute("value")).isEqualTo(typed);
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<List<String>>path("findingCriteria.criterion.type.eq"))
                    .containsExactly(TYPE, probe);
            // valid JSON: previewed, saved, and what GetFilter answers
            json = row.findElement(By.cssSelector("textarea[name=findingCriteria]"));
            json.clear();
            json.sendKeys("{\"criterion\": {\"type\": {\"eq\": [\"" + TYPE + "\", \"" + brute + "\"]}}}");
            assertThat(previewMatches(b, row)).isPositive();
            row.findElement(By.cssSelector("form[action='/rules/update'] button[aria-label^='Save rule']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Updated"));
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<List<String>>path("findingCriteria.criterion.type.eq"))
                    .containsExactly(TYPE, brute);
        }
        // an analyst is offered no edit form, and a forged update (with a valid CSRF token) is refused by the API
        try (ConsoleBrowser a = new ConsoleBrowser()) {
            a.signIn(DemoIdentities.ANALYST_111).open("/rules");
            assertThat(a.find("main").getText()).contains(name);
            assertThat(a.driver.findElements(By.cssSelector("details.rule-edit, textarea"))).isEmpty();
            String token = a.open("/findings").find("input[name=csrf-token]").getAttribute("value");
            Object status = ((org.openqa.selenium.JavascriptExecutor) a.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/rules/update', {method: 'POST', body: new URLSearchParams({'csrf-token': arguments[0],
                        name: arguments[1], action: 'ARCHIVE', criteriaAs: 'json',
                        findingCriteria: '{"criterion":{"type":{"eq":["forged"]}}}'})}).then(r => done(r.status));
                    """, token, name);
            assertThat(((Number) status).intValue()).isEqualTo(403);
            assertThat(as(DemoIdentities.ADMIN_111, "findings").get("/detector/" + detector + "/filter/" + name)
                    .then().statusCode(200).extract().<List<String>>path("findingCriteria.criterion.type.eq"))
                    .containsExactly(TYPE, brute);
        } finally {
            as(DemoIdentities.ADMIN_111, "findings").delete("/detector/" + detector + "/filter/" + name);
        }
    }

    /** The row of rule {@code name} on the Suppression rules page. */
    private static WebElement ruleRow(ConsoleBrowser b, String name) {
        return b.driver.findElements(By.cssSelector("tr.rule-row")).stream()
                .filter(r -> r.getText().contains(name)).findFirst().orElseThrow();
    }

    /**
     * Clicks the row's "Preview matches" (htmx swaps the count into the form's status element, the page stays) and
     * returns the count.
     */
    private static long previewMatches(ConsoleBrowser b, WebElement row) {
        row.findElement(By.cssSelector("button[formaction='/rules/preview']")).click();
        WebElement count = b.wait.until(d -> row.findElements(By.cssSelector("output.rule-preview[role=status] .preview-count"))
                .stream().findFirst().orElse(null));
        return Long.parseLong(count.getText());
    }
}
