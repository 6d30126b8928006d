package dev.vigil.e2e.suite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * SigV4-signed requests for the suite: temporary credentials of a demo user from Vigil's STS (AssumeRoleWithWebIdentity
 * with the user's real Keycloak token, cached for the run) or long-lived access keys from its IAM API, and requests
 * signed with them by the AWS SDK's signer (signing name {@code guardduty}, region us-east-1) sent over HTTP/1.1.
 */
final class SigV4Caller {

    /** Credentials whose session token no stack issued: an unknown (or revoked) key. */
    static final AwsSessionCredentials UNKNOWN = AwsSessionCredentials.create("ASIAUNKNOWNUNKNOWN00",
            "0000000000000000000000000000000000000000", "VmlnaWwgZGlkIG5vdCBpc3N1ZSB0aGlzIHRva2VuLg==");

    private static final Map<String, AwsSessionCredentials> CREDENTIALS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SigV4Caller() {
    }

    /** An answer. */
    record Answer(int status, String body) {
    }

    /** {@code user}'s temporary credentials (role {@code vigil} of its account). */
    static AwsSessionCredentials credentials(String user, String account) {
        return CREDENTIALS.computeIfAbsent(user, u -> {
            String form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=" + u
                    + "&RoleArn=arn:aws:iam::" + account + ":role/vigil&WebIdentityToken=" + Stack.token(u);
            Answer a = send(HttpRequest.newBuilder(URI.create(Stack.url("accounts") + "/sts"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (a.status() != 200) {
                throw new IllegalStateException("STS refused " + u + ": " + a.status() + " " + a.body());
            }
            return AwsSessionCredentials.create(xml(a.body(), "AccessKeyId"), xml(a.body(), "SecretAccessKey"),
                    xml(a.body(), "SessionToken"));
        });
    }

    /**
     * A new long-lived access key of {@code user}, created through IAM's CreateAccessKey on accounts-service with the
     * user's bearer token, after deleting the keys it already has (at most two per principal), then set to
     * {@code status} ({@code Active} or {@code Inactive}).
     */
    static AwsCredentials longLivedKey(String user, String status) {
        String keys = iam(user, "Action=ListAccessKeys&Version=2010-05-08");
        Matcher m = Pattern.compile("<AccessKeyId>([^<]*)</AccessKeyId>").matcher(keys);
        while (m.find()) {
            iam(user, "Action=DeleteAccessKey&Version=2010-05-08&AccessKeyId=" + m.group(1));
        }
        String created = iam(user, "Action=CreateAccessKey&Version=2010-05-08");
        String id = xml(created, "AccessKeyId");
        iam(user, "Action=UpdateAccessKey&Version=2010-05-08&Status=" + status + "&AccessKeyId=" + id);
        return AwsBasicCredentials.create(id, xml(created, "SecretAccessKey"));
    }

    private static String iam(String user, String form) {
        Answer a = send(HttpRequest.newBuilder(URI.create(Stack.url("accounts") + "/iam"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + Stack.token(user))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (a.status() != 200) {
            throw new IllegalStateException("IAM refused " + form + " of " + user + ": " + a.status() + " " + a.body());
        }
        return a.body();
    }

    private static String xml(String doc, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(doc);
        if (!m.find()) {
            throw new IllegalStateException("no " + element + " in the answer");
        }
        return m.group(1);
    }

    /** {@code method} on {@code baseUrl + pathAndQuery} with {@code body} (or none), signed with {@code c}. */
    @SuppressWarnings("deprecation")
    static Answer call(AwsCredentials c, String baseUrl, String method, String pathAndQuery, String contentType,
            String body) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder r = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Accept", "application/json");
        if (body != null) {
            r.putHeader("Content-Type", contentType).contentStreamProvider(() -> new ByteArrayInputStream(bytes));
        }
        SdkHttpFullRequest signed = Aws4Signer.create().sign(r.build(), Aws4SignerParams.builder().awsCredentials(c)
                .signingName("guardduty").signingRegion(Region.US_EAST_1).build());
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host")) {
                http.header(k, v.get(0));
            }
        });
        return send(http);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
