package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, defect 5: a list fetch never holds the API request. While a list server holds every connection open,
 * CreateThreatIntelSet answers at once with the list ACTIVATING; a third fetch of the same account while two run is
 * 429; once the server answers, the lists become ACTIVE. Real HTTP server on loopback (allowed in the test profile).
 */
@QuarkusTest
class ListFetchesTest {

    static final String ACCOUNT = "555555555555";

    @Test
    @TestSecurity(user = "admin-555", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ACCOUNT))
    void fetchesRunInTheBackgroundBoundedPerAccount() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/slow.txt", ex -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "192.0.2.7\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String location = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.txt";
            String detector = given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then()
                    .statusCode(200).extract().path("detectorId");
            String path = "/detector/" + detector + "/threatintelset";
            String first = create(path, "one", location);
            String second = create(path, "two", location);
            // both answered while the server still holds their connections
            given().get(path + "/" + first).then().body("status", equalTo("ACTIVATING"));
            given().get(path + "/" + second).then().body("status", equalTo("ACTIVATING"));
            given().contentType(ContentType.JSON).body(body("three", location)).post(path).then().statusCode(429)
                    .header("x-amzn-ErrorType", "TooManyRequestsException").header("Retry-After", "5");
            release.countDown();
            for (String id : new String[] {first, second}) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(
                        given().get(path + "/" + id).then().extract().path("status")));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().contentType(ContentType.JSON)
                    .body(body("three", location)).post(path).then().extract().statusCode() == 200);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    private static String body(String name, String location) {
        return "{\"name\":\"" + name + "\",\"format\":\"TXT\",\"location\":\"" + location + "\",\"activate\":true}";
    }

    private static String create(String path, String name, String location) {
        return given().contentType(ContentType.JSON).body(body(name, location)).post(path).then().statusCode(200)
                .extract().path("threatIntelSetId");
    }
}
