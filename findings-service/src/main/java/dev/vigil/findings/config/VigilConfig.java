package dev.vigil.findings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The service's own configuration, under {@code vigil.*} ({@code vigil.default-region}, the region of bare GuardDuty
 * paths, is read by guardduty-web's {@code TenantContext}).
 */
@ConfigMapping(prefix = "vigil")
public interface VigilConfig {

    /** Findings not updated for this many days are purged (GuardDuty keeps findings 90 days). */
    @WithDefault("90")
    int retentionDays();

    /** Export settings. */
    Export export();

    /** Export of findings to Kafka, S3 and webhooks. */
    interface Export {
        /** Endpoint of the S3-compatible server for S3 destinations (empty: the SDK's default AWS endpoint). */
        Optional<String> s3Endpoint();

        /** Region the S3 client signs for. */
        @WithDefault("us-east-1")
        String s3Region();

        /** Access key for the S3 endpoint (empty: the SDK's default credentials chain). */
        Optional<String> s3AccessKey();

        /** Secret key for the S3 endpoint. */
        Optional<String> s3SecretKey();

        /** Whether webhook URLs may be plain {@code http} (tests and local demos only; default false: HTTPS only). */
        @WithDefault("false")
        boolean webhookAllowHttp();

        /** Webhook delivery attempts before the dead letter. */
        @WithDefault("4")
        int webhookAttempts();

        /** First retry delay in milliseconds, doubled after each failure. */
        @WithDefault("200")
        long webhookBackoffMs();
    }
}
