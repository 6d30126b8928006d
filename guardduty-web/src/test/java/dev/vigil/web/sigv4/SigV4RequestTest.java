package dev.vigil.web.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed signatures are 400 IncompleteSignatureException naming the part at fault, never echoing a signature. */
class SigV4RequestTest {

    private static final String SIG = "a".repeat(64);

    private static SigV4Exception refused(String authorization, Map<String, List<String>> extra) {
        Map<String, List<String>> headers = new java.util.HashMap<>(Map.of("Host", List.of("127.0.0.1:8083"),
                "Authorization", List.of(authorization)));
        headers.putAll(extra);
        try {
            SigV4Request.parse("POST", "/detector/x/findings", null, headers, new byte[0]);
        } catch (SigV4Exception e) {
            return e;
        }
        throw new AssertionError("accepted: " + authorization);
    }

    @Test
    void eachMalformedPartIsNamed() {
        Map<String, List<String>> dated = Map.of("X-Amz-Date", List.of("20261204T120000Z"));
        String cred = "Credential=ASIAX/20261204/us-east-1/guardduty/aws4_request";
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + SIG, Map.of()).getMessage())
                .contains("X-Amz-Date");
        assertThat(refused("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + SIG, dated).getMessage())
                .contains("Credential");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", Signature=" + SIG, dated).getMessage())
                .contains("SignedHeaders");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=xyz", dated).getMessage())
                .contains("Signature").doesNotContain("xyz");
        assertThat(refused("AWS4-HMAC-SHA256 Credential=ASIAX/20261204/us-east-1, SignedHeaders=host, Signature=" + SIG,
                dated).getMessage()).contains("aws4_request");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=content-type, Signature=" + SIG, dated)
                .getMessage()).contains("host");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-target, Signature=" + SIG, dated)
                .getMessage()).contains("x-amz-target");
        assertThat(refused("AWS4-HMAC-SHA256 garbage", dated).code()).isEqualTo("IncompleteSignatureException");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + SIG,
                Map.of("X-Amz-Date", List.of("yesterday"))).getMessage()).contains("yyyyMMdd");
        assertThat(refused("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + SIG,
                Map.of("X-Amz-Date", List.of("20261203T120000Z"))).code()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void presignedQueriesNeedABoundedExpiry() {
        Map<String, List<String>> host = Map.of("Host", List.of("h"));
        String base = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAX%2F20261204%2Fus-east-1%2Fguardduty"
                + "%2Faws4_request&X-Amz-Date=20261204T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIG;
        assertThat(SigV4Request.parse("GET", "/", base + "&X-Amz-Expires=60", host, null).expiresSeconds()).isEqualTo(60);
        for (String expires : List.of("", "&X-Amz-Expires=0", "&X-Amz-Expires=604801", "&X-Amz-Expires=soon")) {
            assertThatThrownBy(() -> SigV4Request.parse("GET", "/", base + expires, host, null))
                    .hasMessageContaining("X-Amz-Expires");
        }
        assertThat(SigV4Request.isSigned(null, base)).isTrue();
        assertThat(SigV4Request.isSigned("Bearer x", "a=b")).isFalse();
    }
}
