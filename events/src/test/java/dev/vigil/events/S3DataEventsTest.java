package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which CloudTrail records are S3 data events: CloudTrail's own fields first, the API name only as a fallback. */
class S3DataEventsTest {

    private static CloudTrailRecord ct(String source, String name, Boolean management, String category) {
        return new CloudTrailRecord(1, "e", "111111111111", "us-east-1", "1.09", "2026-12-05T00:00:00Z", source, name,
                "us-east-1", "192.0.2.1", null, null, null, null, null, null, null, null, "e", null, "AwsApiCall",
                management, "111111111111", category, null, null, null, null);
    }

    @Test
    void cloudTrailsOwnFieldsDecide() {
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "GetObject", false, "Data"))).isTrue();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "GetObject", null, "Data"))).isTrue();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "ListObjects", false, null))).isTrue();
        // a management event of S3, even with an object-level sounding name, is not
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "ListBuckets", true, "Management"))).isFalse();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "PutBucketPolicy", null, "Management"))).isFalse();
        // another service's data event is not an S3 one
        assertThat(S3DataEvents.is(ct("lambda.amazonaws.com", "Invoke", false, "Data"))).isFalse();
    }

    @Test
    void withoutTheFieldsTheApiNameDecides() {
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "GetObject", null, null))).isTrue();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "DeleteObjects", null, null))).isTrue();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", "GetBucketAcl", null, null))).isFalse();
        assertThat(S3DataEvents.is(ct("s3.amazonaws.com", null, null, null))).isFalse();
        assertThat(S3DataEvents.is(null)).isFalse();
    }
}
