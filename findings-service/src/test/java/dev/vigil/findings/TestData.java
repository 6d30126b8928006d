package dev.vigil.findings;

import dev.vigil.events.AccountState;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Json;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

/** Shared fixtures: the test accounts, candidate builder and an AWS SDK GuardDuty client pointed at the app. */
final class TestData {

    static final String A111 = "111111111111";
    static final String A222 = "222222222222";
    static final String A333 = "333333333333";
    static final String A444 = "444444444444";
    static final String DET111 = "d111aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String DET111_EU = "d111eeeeeeeeeeeeeeeeeeeeeeeeeeee";
    static final String DET222 = "d222aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String DET333 = "d333aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String DET444 = "d444aaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static volatile boolean accountsSent;

    private TestData() {
    }

    static AccountState.Detector detector(String id, String region, String frequency) {
        return new AccountState.Detector(id, region, "ENABLED", frequency, true, true, true, 0L);
    }

    /** Publishes the test accounts once: 111 administers 222 and 444; 333 is unrelated. */
    static synchronized void accounts(InMemoryConnector connector) {
        if (accountsSent) {
            return;
        }
        var in = connector.source("accounts-state-in");
        in.send(Record.of(A111, new AccountState(1, A111, 1, List.of(detector(DET111, "us-east-1", "SIX_HOURS"),
                detector(DET111_EU, "eu-west-1", "FIFTEEN_MINUTES")), null,
                List.of(new AccountState.Relationship(A222, "Enabled"), new AccountState.Relationship(A444, "Enabled")), 0L)));
        in.send(Record.of(A222, new AccountState(1, A222, 1, List.of(detector(DET222, "us-east-1", "SIX_HOURS")),
                new AccountState.Relationship(A111, "Enabled"), null, 0L)));
        in.send(Record.of(A333, new AccountState(1, A333, 1, List.of(detector(DET333, "us-east-1", "SIX_HOURS")), null,
                null, 0L)));
        in.send(Record.of(A444, new AccountState(1, A444, 1, List.of(detector(DET444, "us-east-1", "SIX_HOURS")),
                new AccountState.Relationship(A111, "Enabled"), null, 0L)));
        accountsSent = true;
    }

    /** {@code c} as the detector writes it: keyed by its finding ID. */
    static io.smallrye.reactive.messaging.kafka.Record<String, FindingCandidate> keyed(FindingCandidate c) {
        return io.smallrye.reactive.messaging.kafka.Record.of(c.finding().id(), c);
    }

    /** A candidate: {@code count} events of an EC2 network-connection activity between {@code first} and {@code last}. */
    static FindingCandidate candidate(String eventId, String findingId, String account, String type, double severity,
            long count, Instant first, Instant last, String instanceId, String remoteIp, int localPort) {
        String json = """
                {"schemaVersion":1,"eventId":"%s","observedAt":%d,"finding":{
                 "accountId":"%s","id":"%s","region":"us-east-1","type":"%s","severity":%s,"partition":"aws",
                 "title":"t","description":"d",
                 "resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"%s","instanceType":"t3.micro"}},
                 "service":{"count":%d,"eventFirstSeen":"%s","eventLastSeen":"%s","resourceRole":"TARGET",
                  "serviceName":"guardduty",
                  "action":{"actionType":"NETWORK_CONNECTION","networkConnectionAction":{"blocked":false,
                   "connectionDirection":"INBOUND","protocol":"TCP","localPortDetails":{"port":%d},
                   "remoteIpDetails":{"ipAddressV4":"%s","country":{"countryName":"Nowhere"}}}},
                  "additionalInfo":{"threatListName":"ProofPoint"}}}}
                """.formatted(eventId, last.toEpochMilli(), account, findingId, type, severity, instanceId, count, first,
                last, localPort, remoteIp);
        return Json.read(json, FindingCandidate.class);
    }

    /**
     * An SDK client on {@code base} plus {@code pathPrefix} (e.g. {@code "/eu-west-1"}). The identity comes from
     * {@code @TestSecurity}; {@link #client(URL, String, String)} adds a bearer token for a real OIDC server.
     */
    static GuardDutyClient client(URL base, String pathPrefix) {
        return client(base, pathPrefix, null);
    }

    /** An SDK client that sends {@code Authorization: Bearer token} when {@code token} is not null. */
    static GuardDutyClient client(URL base, String pathPrefix, String token) {
        String root = base.toString().replaceAll("/$", "");
        return GuardDutyClient.builder()
                .endpointOverride(URI.create(root + pathPrefix))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                            ExecutionAttributes attributes) {
                        return token == null ? context.httpRequest()
                                : context.httpRequest().toBuilder().putHeader("Authorization", "Bearer " + token).build();
                    }
                }))
                .build();
    }
}
