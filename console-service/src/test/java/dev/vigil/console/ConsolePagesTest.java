package dev.vigil.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's pages rendered by the real Quarkus application (templates, CSRF filter, security headers) against
 * {@link ApiStandIn}, a fixed stand-in for the GuardDuty API; identities come from {@code @TestSecurity}. The real
 * API, Keycloak sign-in and a real browser are the end-to-end {@code ConsoleIT}'s.
 */
@QuarkusTest
@QuarkusTestResource(ApiStandIn.class)
class ConsolePagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** A request with the session cookies of {@code page} and the CSRF token of its forms. */
    private static RequestSpecification withCsrf(Response page) {
        Matcher m = CSRF.matcher(page.then().statusCode(200).extract().asString());
        assertThat(m.find()).isTrue();
        return given().cookies(page.getCookies()).formParam("csrf-token", m.group(1));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void aRuleIsEditedWithoutItsCriteriaAndARefusalIsShown() {
        Response page = given().get("/rules");
        String html = page.then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"u-rank-quiet-scans\"").contains("action=\"/rules/update\"");
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("name", "quiet-scans")
                .formParam("description", "scanner VPC").formParam("action", "NOOP").formParam("rank", "3")
                .redirects().follow(false).post("/rules/update").then().statusCode(303);
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/filter/quiet-scans ")
                && q.contains("\"action\":\"NOOP\"") && q.contains("\"rank\":3")
                && q.contains("\"description\":\"scanner VPC\"") && !q.contains("findingCriteria"));
        String refused = given().cookies(page.getCookies()).formParam("csrf-token", m.group(1))
                .formParam("name", "quiet-scans").formParam("action", "ARCHIVE").formParam("rank", "x")
                .post("/rules/update").then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"rule-error\"").contains("rank must be a number from 1 to 100");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void aRulesCriteriaArePrefilledAsTheFiltersFieldsOrElseAsJson() {
        String html = given().get("/rules").then().statusCode(200).extract().asString();
        // quiet-scans uses only what the filter shows (its High band as integers 7 and 9): the fields, prefilled
        assertThat(html).contains("<label for=\"u-type-quiet-scans\">")
                .contains("id=\"u-type-quiet-scans\" name=\"type\" value=\"Recon:EC2/Portscan\"")
                .containsPattern("id=\"u-severity-quiet-scans\"[^>]*>\\s*<option value=\"\">Any</option>\\s*"
                        + "<option value=\"LOW\" >[^<]*</option><option value=\"MEDIUM\" >[^<]*</option>"
                        + "<option value=\"HIGH\" selected>")
                .doesNotContain("id=\"u-criteria-quiet-scans\"");
        // api-made has a port criterion the filter cannot show: its JSON in a labelled textarea, nothing dropped
        assertThat(html).contains("<label for=\"u-criteria-api-made\">Criteria (GuardDuty FindingCriteria JSON)</label>")
                .containsPattern("<textarea id=\"u-criteria-api-made\" name=\"findingCriteria\"[^>]*>[^<]*"
                        + "remotePortDetails.port[^<]*neq[^<]*</textarea>")
                .contains("name=\"criteriaAs\" value=\"json\"").doesNotContain("id=\"u-type-api-made\"")
                .contains("hx-post=\"/rules/preview\"").contains("role=\"status\"");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void anEditedRulesCriteriaArePreviewedThenSentWithTheUpdate() {
        Response page = given().get("/rules");
        String type = "Backdoor:EC2/C&CActivity.B";
        // htmx's request: the count as a fragment
        String preview = withCsrf(page).header("HX-Request", "true")
                .formParam("name", "quiet-scans").formParam("criteriaAs", "fields").formParam("severity", "MEDIUM")
                .formParam("type", type).post("/rules/preview").then().statusCode(200).extract().asString();
        assertThat(preview).contains("<strong class=\"preview-count\">6</strong>").doesNotContain("<html");
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/findings/statistics ")
                && q.contains("\"type\":{\"eq\":[\"" + type + "\"]}") && q.contains("\"severity\":{\"gte\":4.0,\"lt\":7.0}"));
        // without htmx: the page, the form open with the values kept and the count in it
        String full = withCsrf(page).formParam("name", "quiet-scans")
                .formParam("criteriaAs", "fields").formParam("type", type).post("/rules/preview")
                .then().statusCode(200).extract().asString();
        assertThat(full).contains("<details class=\"rule-edit\" open>")
                .contains("id=\"u-type-quiet-scans\" name=\"type\" value=\"Backdoor:EC2/C&amp;CActivity.B\"")
                .contains("<strong class=\"preview-count\">6</strong>");
        withCsrf(page).formParam("name", "quiet-scans")
                .formParam("action", "ARCHIVE").formParam("rank", "1").formParam("criteriaAs", "fields")
                .formParam("severity", "MEDIUM").formParam("type", type).formParam("account", "222222222222")
                .redirects().follow(false).post("/rules/update").then().statusCode(303);
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/filter/quiet-scans ")
                && q.contains("\"findingCriteria\":{\"criterion\":{\"severity\":{\"gte\":4.0,\"lt\":7.0},\"type\":{\"eq\":[\""
                        + type + "\"]},\"accountId\":{\"eq\":[\"222222222222\"]}}}"));
        // the JSON of a rule the fields cannot show goes as given
        String json = "{\"criterion\":{\"service.action.networkConnectionAction.remotePortDetails.port\":{\"neq\":[\"3389\"]}}}";
        withCsrf(page).formParam("name", "api-made")
                .formParam("action", "NOOP").formParam("criteriaAs", "json").formParam("findingCriteria", json)
                .redirects().follow(false).post("/rules/update").then().statusCode(303);
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/filter/api-made ")
                && q.contains("\"findingCriteria\":" + json));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void badCriteriaAreShownBesideTheFieldWithTheValuesKeptAndNothingSaved() {
        Response page = given().get("/rules");
        // not JSON: the console's message beside the textarea, the text kept, no UpdateFilter
        String typed = "{\"criterion\": {\"type\": {\"eq\": [\"unfinished\"]}";
        String notJson = withCsrf(page).formParam("name", "api-made")
                .formParam("action", "NOOP").formParam("criteriaAs", "json").formParam("findingCriteria", typed)
                .post("/rules/update").then().statusCode(400).extract().asString();
        assertThat(notJson).contains("<details class=\"rule-edit\" open>").containsPattern(
                        "id=\"ue-criteria-api-made\" role=\"alert\">The criteria are not valid JSON \\(line 1, column \\d+\\): "
                        + "Unexpected end-of-input[^<(]*</p>")
                .contains("aria-invalid=\"true\"").contains("unfinished&quot;]}</textarea>");
        assertThat(ApiStandIn.REQUESTS).noneMatch(q -> q.startsWith("POST /detector/d1/filter/api-made ") && q.contains("unfinished"));
        // a criterion the API refuses: its message beside the textarea
        String refused = withCsrf(page).formParam("name", "api-made")
                .formParam("action", "NOOP").formParam("criteriaAs", "json")
                .formParam("findingCriteria", "{\"criterion\":{\"type\":{\"nope\":[\"x\"]}}}")
                .post("/rules/update").then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"ue-criteria-api-made\" role=\"alert\">Unsupported operator &#39;nope&#39;")
                .contains("&quot;nope&quot;").doesNotContain("id=\"rule-error\"");
        // as fields: beside the field the API's message names, the values kept
        String account = withCsrf(page).formParam("name", "quiet-scans")
                .formParam("action", "ARCHIVE").formParam("criteriaAs", "fields").formParam("type", "Recon:EC2/Portscan")
                .formParam("account", "12").post("/rules/update").then().statusCode(400).extract().asString();
        assertThat(account).contains("id=\"ue-account-quiet-scans\" role=\"alert\">The request is rejected because criterion accountId")
                .contains("id=\"u-account-quiet-scans\" name=\"account\" value=\"12\"");
        // the preview of bad JSON: the message instead of a count
        String preview = withCsrf(page).header("HX-Request", "true")
                .formParam("name", "api-made").formParam("criteriaAs", "json").formParam("findingCriteria", "[1]")
                .post("/rules/preview").then().statusCode(200).extract().asString();
        assertThat(preview).contains("The criteria must be a JSON object").doesNotContain("preview-count");
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = "analyst")
    void anAnalystSeesTheRulesWithoutAnEditForm() {
        String html = given().get("/rules").then().statusCode(200).extract().asString();
        assertThat(html).contains("quiet-scans").contains("remotePortDetails.port")
                .doesNotContain("/rules/update").doesNotContain("u-criteria-").doesNotContain("Preview matches");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void summaryShowsBandsAsTextAChartAndAStrictCsp() {
        Response r = given().get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline");
        String html = r.asString();
        assertThat(html).contains("<span class=\"band-label\">High</span> <span class=\"band-count\">3</span>")
                .contains("<span class=\"band-label\">Critical</span> <span class=\"band-count\">2</span>")
                .contains("<span class=\"band-label\">Low</span> <span class=\"band-count\">1</span>")
                .contains("<svg class=\"chart\"").contains("Recon:EC2/Portscan").contains("i-0aaa")
                .contains("222222222222") // per account, for an administrator
                .contains("account 111111111111");
        // no inline script: every <script> loads a file from the console itself
        assertThat(Pattern.compile("<script(?![^>]*src=\"/)").matcher(html).find()).isFalse();
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void findingsTableHasTheColumnsAndPagesByTheApiToken() {
        String html = given().get("/findings?severity=HIGH&sort=severity").then().statusCode(200).extract().asString();
        assertThat(html).contains("High 8.0").contains("Low 2.0").contains("Title of f1").contains("i-0aaa")
                .contains("111111111111").contains("us-east-1").contains("page=page-2").contains("id=\"archive\"");
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/findings {")
                && q.contains("\"severity\":{\"gte\":7.0,\"lt\":9.0}") && q.contains("\"attributeName\":\"severity\""));
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = "analyst")
    void anAnalystIsNotOfferedArchive() {
        String html = given().get("/findings").then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("id=\"archive\"").contains("id=\"useful\"");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void theApisErrorIsShownBesideTheField() {
        String html = given().get("/findings?account=12").then().statusCode(400).extract().asString();
        assertThat(html).contains("id=\"e-account\"").contains("criterion accountId value 12 is not a 12-digit account ID")
                .contains("aria-invalid=\"true\" aria-describedby=\"e-account\"");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void detailShowsTheFindingAndAnInvisibleOneIsNotFound() {
        String html = given().get("/findings/" + ApiStandIn.F1).then().statusCode(200).extract().asString();
        assertThat(html).contains("Title of f1").contains("remoteIpDetails.country.countryName").contains("Exampleland")
                .contains("/download/asff").contains("/download/ocsf").contains("&quot;instanceId&quot;");
        assertThat(given().get("/findings/" + ApiStandIn.F1 + "/download/asff").then().statusCode(200)
                .extract().header("Content-Disposition")).contains("asff.json");
        String missing = given().get("/findings/not-a-visible-finding").then().statusCode(404).extract().asString();
        assertThat(missing).contains("Not found").contains("was not found");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void actionsNeedTheCsrfToken() {
        given().formParam("id", ApiStandIn.F1).formParam("action", "archive").post("/findings/selected")
                .then().statusCode(400);
        Response page = given().get("/findings");
        Matcher m = CSRF.matcher(page.asString());
        assertThat(m.find()).isTrue();
        given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("id", ApiStandIn.F1)
                .formParam("action", "archive").redirects().follow(false).post("/findings/selected")
                .then().statusCode(303);
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/findings/archive") && q.contains(ApiStandIn.F1));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void aRuleFromTheFilterShowsItsMatchesAndTheApisErrorBesideTheName() {
        Response page = given().get("/rules?type=Recon:EC2/Portscan&severity=HIGH");
        String html = page.then().statusCode(200).extract().asString();
        assertThat(html).contains("quiet-scans").contains("Suppress (archive)").contains("id=\"rule-matching\">6<");
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        String refused = given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("name", "x")
                .formParam("action", "ARCHIVE").formParam("type", "Recon:EC2/Portscan").post("/rules")
                .then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"e-name\"").contains("the filter name must be 3 to 64 characters");
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/filter ")
                && q.contains("\"type\":{\"eq\":[\"Recon:EC2/Portscan\"]}") && !q.contains("service.archived"));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void usageShowsRecordsBytesAndTheEstimatedCostAndTheFreeTrial() {
        String html = given().get("/usage").then().statusCode(200).extract().asString();
        assertThat(html).contains("<strong>27</strong> days remaining").contains("FLOW_LOGS").contains("1.2500 USD")
                .contains("No usage yet.") // no account rows
                .contains("<td>FLOW_LOGS</td><td class=\"num\">2,002,000</td><td class=\"num\"><data value=\"644245094400\">"
                        + "600.0 GiB</data></td><td class=\"num\">1.2500 USD</td>")
                .contains("<td>CLOUD_TRAIL</td><td class=\"num\">2,000,000</td><td class=\"num\"><data value=\"0\">0 B</data>")
                // a result without vigilAnalyzed (AWS's shape) says so instead of showing zeros
                .contains("<td>eni-aws</td><td class=\"num\">not reported</td><td class=\"num\">not reported</td>"
                        + "<td class=\"num\">0.5000 USD</td>");
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/usage/statistics ")
                && q.contains("\"SUM_BY_DATA_SOURCE\"") && q.contains("\"S3_LOGS\""));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void accountsShowMembersAndInvitationsAndAnUnprocessedAccountBesideItsField() {
        Response page = given().get("/accounts");
        String html = page.then().statusCode(200).extract().asString();
        assertThat(html).contains("222222222222").contains("<td class=\"relationship\">Enabled</td>")
                .contains("value=\"stop\"").contains("444444444444").contains("value=\"inv-1\"").contains("id=\"invite\"");
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        String refused = given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("accountId", "12")
                .formParam("email", "a@example.com").post("/accounts/invite").then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"e-accountId\"").contains("The account ID is not 12 digits.");
        given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("administratorId", "444444444444")
                .formParam("invitationId", "inv-1").redirects().follow(false).post("/accounts/accept").then().statusCode(303);
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/administrator ")
                && q.contains("\"administratorId\":\"444444444444\"") && q.contains("\"invitationId\":\"inv-1\""));
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = "analyst")
    void anAnalystSeesMembersButNoAccountActions() {
        String html = given().get("/accounts").then().statusCode(200).extract().asString();
        assertThat(html).contains("222222222222").doesNotContain("id=\"invite\"").doesNotContain("value=\"inv-1\"");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void listsShowStatusAndTheApisErrorBesideTheLocation() {
        Response page = given().get("/lists");
        String html = page.then().statusCode(200).extract().asString();
        assertThat(html).contains("Trusted IP list").contains("office").contains("https://lists.example/office.txt")
                .contains("<td class=\"list-status\">ACTIVE</td>").contains("action=\"/lists/ipset/ips1/activation\"")
                .contains("value=\"false\" class=\"deactivate\"").contains("<option value=\"threatintelset\"");
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        String refused = given().cookies(page.getCookies()).formParam("csrf-token", m.group(1)).formParam("kind", "threatintelset")
                .formParam("name", "bad").formParam("format", "TXT").formParam("location", "ftp://x").formParam("activate", "true")
                .post("/lists").then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"e-location\"").contains("location must be an https or s3 URL")
                .contains("value=\"ftp://x\"");
        assertThat(ApiStandIn.REQUESTS).anyMatch(q -> q.startsWith("POST /detector/d1/threatintelset ")
                && q.contains("\"location\":\"ftp://x\"") && q.contains("\"activate\":true"));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    void settingsShowTheDetectorDestinationsAndLogSourcesAndTheApisErrorBesideTheKey() {
        Response page = given().get("/settings");
        String html = page.then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"detector-status\">ENABLED<").contains("<option value=\"SIX_HOURS\" selected>")
                .contains("dest1").contains("PUBLISHING").contains("vpc-flow").contains("RUNNING");
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        String refused = given().cookies(page.getCookies()).formParam("csrf-token", m.group(1))
                .formParam("destinationArn", "arn:aws:s3:::bucket").formParam("kmsKeyArn", "nope")
                .post("/settings/destinations").then().statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"e-kmsKeyArn\"").contains("kmsKeyArn is not a KMS key ARN");
    }
}
