package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.events.KeyGuard;
import dev.vigil.events.Topics;
import dev.vigil.events.UsageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Usage consumed from {@code vigil.usage.v1} (idempotent on eventId) and GetUsageStatistics / GetRemainingFreeTrialDays
 * with GuardDuty's tiered prices: 600 GB of logs cost 500 x $1.00 + 100 x $0.50 = $550.
 */
@QuarkusTest
class UsageTest {

    static final long GIB = 1024L * 1024 * 1024;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    MeterRegistry registry;

    /** A usage record as ingest writes it: keyed by its account ID. */
    static ConsumerRecord<String, UsageRecord> rec(String id, String account, String ds, String resource, long bytes,
            long events, Instant hour) {
        return keyed(account, new UsageRecord(1, id, account, "us-east-1", ds, resource, hour.toEpochMilli(), bytes, events));
    }

    static ConsumerRecord<String, UsageRecord> keyed(String key, UsageRecord value) {
        return new ConsumerRecord<>(Topics.USAGE, 0, OFFSETS.getAndIncrement(), key, value);
    }

    private static final java.util.concurrent.atomic.AtomicLong OFFSETS = new java.util.concurrent.atomic.AtomicLong();

    /** One poll's records, as the Kafka connector hands them to the batch consumer. */
    @SafeVarargs
    static ConsumerRecords<String, UsageRecord> batch(ConsumerRecord<String, UsageRecord>... records) {
        TopicPartition tp = new TopicPartition(Topics.USAGE, 0);
        return new ConsumerRecords<>(Map.of(tp, List.of(records)), Map.of());
    }

    double mismatches() {
        var c = registry.find(KeyGuard.METRIC).tag("topic", Topics.USAGE).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aUsageRecordUnderAnotherAccountsKeyIsDroppedAndCounted() {
        TestDb.clean();
        double before = mismatches();
        InMemorySource<ConsumerRecords<String, UsageRecord>> in = connector.source("usage-in");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        in.send(batch(keyed("222222222222", rec("m1", "111111111111", "FLOW_LOGS", "eni-a", GIB, 1, hour).value()),
                rec("m2", "111111111111", "FLOW_LOGS", "eni-a", GIB, 1, hour)));
        await().atMost(Duration.ofSeconds(20)).until(() -> mismatches() == before + 1
                && TestDb.count("select count(*) from accounts.usage_record") == 1);
        org.assertj.core.api.Assertions.assertThat(TestDb.count("select count(*) from accounts.usage_record where event_id = 'm2'"))
                .isEqualTo(1);
    }

    static ValidatableResponse stats(String detector, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/detector/" + detector + "/usage/statistics").then();
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void statisticsWithTieredCostsAndMembers() {
        TestDb.clean();
        String detector = given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then().statusCode(200)
                .extract().path("detectorId");
        TestDb.exec("insert into accounts.membership(account_id, region, member_account_id, email, relationship_status, updated_at) "
                + "values ('111111111111','us-east-1','222222222222','b@example.com','Enabled', now())");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        InMemorySource<ConsumerRecords<String, UsageRecord>> in = connector.source("usage-in");
        // one poll: e2 twice, and a record without an event ID (dropped, the rest of its batch stored)
        in.send(batch(rec("e1", "111111111111", "FLOW_LOGS", "eni-a", 400 * GIB, 1000, hour),
                rec("e2", "111111111111", "DNS_LOGS", "i-1", 200 * GIB, 1000, hour),
                rec("e2", "111111111111", "DNS_LOGS", "i-1", 200 * GIB, 1000, hour),
                rec(null, "111111111111", "DNS_LOGS", "i-1", 200 * GIB, 1000, hour),
                rec("e3", "111111111111", "CLOUD_TRAIL", "AIDAEXAMPLE", 0, 2_000_000, hour)));
        in.send(batch(rec("e2", "111111111111", "DNS_LOGS", "i-1", 200 * GIB, 1000, hour))); // redelivered: ignored
        in.send(batch(rec("e4", "222222222222", "FLOW_LOGS", "eni-m", 10 * GIB, 10, hour)));
        in.send(batch(rec("e5", "333333333333", "FLOW_LOGS", "eni-x", 10 * GIB, 10, hour))); // not a member
        in.send(batch(rec("e6", "111111111111", "FLOW_LOGS", "eni-old", 10 * GIB, 10, hour.minus(Duration.ofDays(40))))); // too old
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count("select count(*) from accounts.usage_record") == 6);

        String crit = "\"usageCriteria\":{\"dataSources\":[\"FLOW_LOGS\",\"DNS_LOGS\",\"CLOUD_TRAIL\"]}";
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_ACCOUNT\"," + crit + "}").statusCode(200)
                .body("usageStatistics.sumByAccount.accountId", equalTo(List.of("111111111111", "222222222222")))
                .body("usageStatistics.sumByAccount.total.amount", equalTo(List.of("558.0000", "10.0000")))
                .body("usageStatistics.sumByAccount[0].total.unit", equalTo("USD"))
                // Vigil's extension: records and bytes analysed, the redelivered e2 counted once
                .body("usageStatistics.sumByAccount.vigilAnalyzed.records", equalTo(List.of(2_002_000, 10)))
                .body("usageStatistics.sumByAccount.vigilAnalyzed.bytes", equalTo(List.of(600 * GIB, 10 * GIB)));
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_DATA_SOURCE\",\"usageCriteria\":{\"accountIds\":[\"111111111111\"]}}").statusCode(200)
                .body("usageStatistics.sumByDataSource.dataSource", equalTo(List.of("CLOUD_TRAIL", "DNS_LOGS", "FLOW_LOGS")))
                .body("usageStatistics.sumByDataSource.total.amount", equalTo(List.of("8.0000", "183.3333", "366.6667")))
                .body("usageStatistics.sumByDataSource.vigilAnalyzed.records", equalTo(List.of(2_000_000, 1000, 1000)))
                .body("usageStatistics.sumByDataSource.vigilAnalyzed.bytes", equalTo(List.of(0, 200 * GIB, 400 * GIB)));
        stats(detector, "{\"usageStatisticsType\":\"TOP_RESOURCES\",\"usageCriteria\":{},\"maxResults\":2}").statusCode(200)
                .body("usageStatistics.topResources.resource", equalTo(List.of("eni-a", "i-1")))
                .body("usageStatistics.topResources.vigilAnalyzed.records", equalTo(List.of(1000, 1000)))
                .body("nextToken", org.hamcrest.Matchers.notNullValue());
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_RESOURCE\",\"usageCriteria\":{\"dataSources\":[\"FLOW_LOGS\"]}}").statusCode(200)
                .body("usageStatistics.sumByResource.resource", equalTo(List.of("eni-a", "eni-m")));
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_ACCOUNT\",\"usageCriteria\":{\"accountIds\":[\"333333333333\"]}}").statusCode(200)
                .body("usageStatistics.sumByAccount", hasSize(0));
        stats(detector, "{\"usageStatisticsType\":\"BY_MOOD\",\"usageCriteria\":{}}").statusCode(400);
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_ACCOUNT\"}").statusCode(400);

        given().contentType(ContentType.JSON).body("{\"accountIds\":[\"111111111111\",\"222222222222\",\"333333333333\"]}")
                .post("/detector/" + detector + "/freeTrial/daysRemaining").then().statusCode(200)
                .body("accounts[0].accountId", equalTo("111111111111"))
                .body("accounts[0].dataSources.flowLogs.freeTrialDaysRemaining", equalTo(30))
                .body("unprocessedAccounts.accountId", equalTo(List.of("222222222222", "333333333333")));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void s3DataEventsArePricedPerMillionInTiersPerAccount() {
        TestDb.clean();
        String detector = given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then().statusCode(200)
                .extract().path("detectorId");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        InMemorySource<ConsumerRecords<String, UsageRecord>> in = connector.source("usage-in");
        in.send(batch(rec("s1", "111111111111", "S3_LOGS", "reports", 0, 400_000_000, hour)));
        in.send(batch(rec("s2", "111111111111", "S3_LOGS", "backups", 0, 200_000_000, hour)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count("select count(*) from accounts.usage_record") == 2);
        // 600 million events: 500 x $0.80 + 100 x $0.40 = $440, shared by the buckets' events
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_DATA_SOURCE\",\"usageCriteria\":{}}").statusCode(200)
                .body("usageStatistics.sumByDataSource.dataSource", equalTo(List.of("S3_LOGS")))
                .body("usageStatistics.sumByDataSource.total.amount", equalTo(List.of("440.0000")));
        stats(detector, "{\"usageStatisticsType\":\"SUM_BY_RESOURCE\",\"usageCriteria\":{\"dataSources\":[\"S3_LOGS\"]}}")
                .statusCode(200)
                .body("usageStatistics.sumByResource.resource", equalTo(List.of("backups", "reports")))
                .body("usageStatistics.sumByResource.total.amount", equalTo(List.of("146.6667", "293.3333")))
                .body("usageStatistics.sumByResource.vigilAnalyzed.records", equalTo(List.of(200_000_000, 400_000_000)))
                .body("usageStatistics.sumByResource.vigilAnalyzed.bytes", equalTo(List.of(0, 0)));
    }
}
