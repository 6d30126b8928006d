package dev.vigil.detector.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.JsonSerde;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures the correlation state ({@value CorrelationProcessor#STORE}: key and binary value, {@link ActorStateSerde},
 * what RocksDB and the changelog hold; and the JSON value earlier versions stored, for comparison) for 10,000 active actors of a realistic mix (BENCHMARKS.md, "Attack sequences"): most principals
 * call a handful of APIs, one in ten is an administrator who touches many, one in a hundred has a finding. Prints the
 * figures; asserts only that every state stays within GuardDuty's 100-signal limit and survives its serde.
 */
class SequenceStateSize {

    @Test
    void stateOfTenThousandActors() {
        ActorStateSerde serde = new ActorStateSerde();
        JsonSerde<ActorState> json = new JsonSerde<>(ActorState.class);
        long jsonBytes = 0;
        Random rnd = new Random(18);
        String[] apis = {"GetCallerIdentity", "ListBuckets", "DescribeInstances", "ListUsers", "GetObject",
                "CreateAccessKey", "StopLogging", "PutBucketPolicy", "AttachUserPolicy", "GetSecretValue", "ListRoles",
                "DescribeSecurityGroups", "DeleteObject", "UpdateTrail", "CreateUser"};
        long totalBytes = 0;
        long maxBytes = 0;
        long t0 = 1_796_000_000_000L;
        int actors = 10_000;
        for (int a = 0; a < actors; a++) {
            ActorState s = new ActorState();
            String principal = "AIDA" + String.format("%016d", a);
            SequenceSignal.Actor actor = new SequenceSignal.Actor(principal, "user-" + a, "IAMUser",
                    "AKIA" + String.format("%016d", a), "111111111111");
            int distinct = a % 10 == 0 ? 150 : 3 + rnd.nextInt(6);
            int calls = a % 10 == 0 ? 2_000 : 50;
            for (int c = 0; c < calls; c++) {
                int i = rnd.nextInt(distinct);
                String api = i < apis.length ? apis[i] : "Describe" + i;
                s.add(new SequenceSignal("111111111111", "us-east-1", "d1", SequenceSignal.Scope.IAM, principal,
                        "CLOUD_TRAIL", api, "api:svc.amazonaws.com:" + api, "Discovery", null, null, t0 + c * 1000L,
                        t0 + c * 1000L, 1, actor, null, "198.51.100." + (a % 250), Map.of(), false), 86_400_000L);
            }
            if (a % 100 == 0) {
                s.add(new SequenceSignal("111111111111", "us-east-1", "d1", SequenceSignal.Scope.IAM, principal, "FINDING",
                        "UnauthorizedAccess:IAMUser/TorIPCaller", "f" + a, "Initial Access", "T1090.003 Proxy", 5.0,
                        t0, t0, 3, actor, null, "101.99.92.179", Map.of("TOR_IP", "101.99.92.179"), false), 86_400_000L);
            }
            assertThat(s.signals).hasSizeLessThanOrEqualTo(ActorState.MAX_SIGNALS);
            byte[] value = serde.serialize("t", s);
            com.fasterxml.jackson.databind.JsonNode back = Json.MAPPER.valueToTree(serde.deserialize("t", value));
            com.fasterxml.jackson.databind.JsonNode original = Json.MAPPER.valueToTree(s);
            assertThat(back).isEqualTo(original);
            long key = ("111111111111/us-east-1/IAM/" + principal).length();
            long bytes = value.length + key;
            jsonBytes += json.serialize("t", s).length + key;
            totalBytes += bytes;
            maxBytes = Math.max(maxBytes, bytes);
        }
        System.out.printf("sequence-actors: %d actors, %.1f MB of keys and binary values, %d bytes per actor on average,"
                + " %d bytes at most (as JSON: %.1f MB, %d bytes per actor)%n", actors, totalBytes / 1e6,
                totalBytes / actors, maxBytes, jsonBytes / 1e6, jsonBytes / actors);
    }
}
