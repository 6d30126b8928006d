package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds every real CloudTrail sample of {@code shared/samples/cloudtrail} (AWS documentation examples, SIEM rule
 * fixtures, Stratus Red Team detonations) through the real topology and compares the findings with the ones the
 * samples' README predicts; benign samples must give none. Nothing is mocked; skipped when the samples are absent.
 */
class CloudTrailSamplesTest {

    private static final String ROOT = "Policy:IAMUser/RootCredentialUsage";
    /** Expected types per file (whole file) or per "file#case"; anything not listed must give no finding. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail/awsdocs/signin-root-enablemfadevice.json", List.of(ROOT)),
            Map.entry("cloudtrail/awsdocs/signin-root-passwordupdated.json", List.of(ROOT)),
            Map.entry("cloudtrail/awsdocs/signin-root-success-mfa.json", List.of(ROOT)),
            Map.entry("cloudtrail/awsdocs/signin-root-success-nomfa.json", List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_root_activity.tests.json#Root Activity - CreateServiceLinkedRole",
                    List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_root_activity.tests.json#Root Activity", List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_root_activity.tests.json#Successful Root Login", List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_root_activity.tests.json#Root Read-Only Enumeration", List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_console_root_login.tests.json#Successful Root Login", List.of(ROOT)),
            Map.entry("cloudtrail/panther/aws_resource_made_public.tests.json#S3 Made Publicly Accessible",
                    List.of("Policy:S3/BucketAnonymousAccessGranted")),
            Map.entry("cloudtrail/panther/aws_s3_disable_bucket_logging.tests.json#Bucket Logging Disabled Successfully",
                    List.of("Stealth:S3/ServerAccessLoggingDisabled")),
            Map.entry("cloudtrail/streamalert/cloudtrail_critical_api_calls.tests.json#Suspending the recording of AWS "
                    + "API calls and log file delivery for a trail will create an alert.",
                    List.of("Stealth:IAMUser/CloudTrailLoggingDisabled")),
            Map.entry("cloudtrail/streamalert/cloudtrail_critical_api_calls.tests.json#Turning off S3 "
                    + "PublicAccessBlock for an entire account",
                    List.of("Policy:S3/AccountBlockPublicAccessDisabled")),
            Map.entry("cloudtrail/streamalert/cloudtrail_critical_api_calls.tests.json#Turning off S3 "
                    + "PublicAccessBlock for a single bucket",
                    List.of("Policy:S3/BucketBlockPublicAccessDisabled")),
            Map.entry("cloudtrail/streamalert/cloudtrail_critical_api_calls.tests.json#Turning off S3 "
                    + "PublicAccessBlock for an account",
                    List.of("Policy:S3/AccountBlockPublicAccessDisabled")),
            Map.entry("cloudtrail/streamalert/cloudtrail_root_account_usage.tests.json#Use of the AWS 'Root' account "
                    + "will create an alert.", List.of(ROOT)));

    @Test
    void realCloudTrailSamplesGiveThePredictedFindings() throws IOException {
        Path root = Samples.dir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("cloudtrail"))) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/lists/")).sorted().toList();
        }
        Map<String, List<String>> actual = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int events = 0;
        int skipped = 0;
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            for (Path file : files) {
                Samples.Loaded loaded = Samples.load(root, file);
                errors.addAll(loaded.errors());
                skipped += loaded.skipped();
                for (Samples.Case c : loaded.cases()) {
                    events++;
                    // ingest accepted the record for this tenant and region, whatever awsRegion says
                    CloudTrailRecord r = Records.cloudTrail(c.event(), Harness.REGION);
                    h.cloudTrail(r);
                    // behavioural findings (they carry service.detection) are checked by BehaviorSamplesTest, one
                    // tenant per sample: here every sample shares one tenant, so baselines would mix unrelated accounts
                    List<String> types = h.candidates().stream().filter(x -> x.finding().service().detection() == null)
                            .map(x -> x.finding().type()).toList();
                    if (!types.isEmpty()) {
                        actual.merge(c.label(), types, (a, b) -> {
                            List<String> m = new ArrayList<>(a);
                            m.addAll(b);
                            return m;
                        });
                    }
                }
            }
        }
        assertThat(events).as("events read from %d sample files", files.size()).isGreaterThan(100);
        assertThat(skipped).as("the CloudTrail digest is recognised and skipped").isEqualTo(1);
        assertThat(errors).as("only the documented invalid-JSON sample fails to parse")
                .singleElement().asString().contains("records-iam-createrole-INVALID-JSON.json");
        assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
    }
}
