package dev.vigil.web.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.web.GuardDutyException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GuardDuty's tag rules ({@link Tags}) and resource ARNs ({@link ResourceArn}); plain JUnit. */
class TagsTest {

    private static final String DET = "12abc34d567e8fa901bc2d34e56789f0";
    private static final String LIST = "0123456789abcdef0123456789abcdef";

    @Test
    void arnsOfEveryTaggableResourceParseAndPrint() {
        String base = "arn:aws:guardduty:us-east-1:111111111111:detector/" + DET;
        assertThat(ResourceArn.parse(base)).contains(ResourceArn.detector("us-east-1", "111111111111", DET));
        assertThat(ResourceArn.parse(base + "/filter/my-filter_1.x")).get()
                .extracting(ResourceArn::type, ResourceArn::id).containsExactly(ResourceArn.Type.FILTER, "my-filter_1.x");
        for (ResourceArn.Type t : ResourceArn.Type.values()) {
            if (t != ResourceArn.Type.DETECTOR && t != ResourceArn.Type.FILTER) {
                ResourceArn a = ResourceArn.of("eu-west-1", "222222222222", DET, t, LIST);
                assertThat(ResourceArn.parse(a.toString())).as(a.toString()).contains(a);
            }
        }
        assertThat(ResourceArn.parse("arn:aws-us-gov:guardduty:us-gov-west-1:111111111111:detector/" + DET).get().partition())
                .isEqualTo("aws-us-gov");
    }

    @Test
    void malformedArnsAndUnknownResourceTypesNameNothing() {
        String base = "arn:aws:guardduty:us-east-1:111111111111:detector/" + DET;
        for (String bad : List.of("", "x", base.replace(DET, "abc"), base.replace("guardduty", "s3"),
                base.replace("111111111111", "1111"), base + "/", base + "/filter", base + "/filter/ab",
                base + "/malware/" + LIST, base + "/ipset/xyz", base + "/ipset/" + LIST + "/x", base.toUpperCase(),
                "arn:aws:guardduty:us-east-1:111111111111:malware-protection-plan/" + LIST)) {
            assertThat(ResourceArn.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ResourceArn.parse(null)).isEmpty();
    }

    @Test
    void theAccountAndRegionMustBeTheCallersAndEveryFailureIsTheSameAnswer() {
        String arn = "arn:aws:guardduty:us-east-1:111111111111:detector/" + DET;
        assertThat(Tags.resolve(arn, "111111111111", "us-east-1").detectorId()).isEqualTo(DET);
        for (String[] c : new String[][] {{arn, "333333333333", "us-east-1"}, {arn, "111111111111", "eu-west-1"},
                {"not-an-arn", "111111111111", "us-east-1"}}) {
            assertThatThrownBy(() -> Tags.resolve(c[0], c[1], c[2])).isInstanceOf(GuardDutyException.class)
                    .hasMessage(Tags.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void keysValuesAndCountsFollowTheModel() {
        assertThat(Tags.forCreate((Map<String, String>) null)).isEmpty();
        assertThat(Tags.forTagResource(Map.of("team", "sec", "cost-center:a/b=c+d.e_f", "", "Env9", "x".repeat(256))))
                .hasSize(3);
        bad(() -> Tags.forTagResource(Map.of()), "tags is required");
        bad(() -> Tags.forTagResource(null), "tags is required");
        bad(() -> Tags.forTagResource(Map.of("k".repeat(129), "v")), "a tag key in tags is empty or longer than 128");
        bad(() -> Tags.forTagResource(Map.of("", "v")), "a tag key in tags is empty");
        bad(() -> Tags.forTagResource(Map.of("aws:owner", "v")), "'aws:owner' in tags starts with aws:");
        bad(() -> Tags.forTagResource(Map.of("AWS:owner", "v")), "starts with aws:");
        bad(() -> Tags.forTagResource(Map.of("has space", "v")), "'has space' in tags does not match the pattern");
        bad(() -> Tags.forTagResource(Map.of("k", "v".repeat(257))), "the value of tag 'k' in tags is longer than 256");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        bad(() -> Tags.forCreate(many), "tags has 51 tags: a resource may have at most 50");
        Map<String, String> fifty = new HashMap<>(many);
        fifty.remove("k0");
        assertThat(Tags.add(Map.of(), fifty)).hasSize(50);
        bad(() -> Tags.add(Map.of("k0", "v"), fifty), "the resource would have 51 tags");
        assertThat(Tags.add(Map.of("k1", "old"), Map.of("k1", "new"))).containsExactly(Map.entry("k1", "new"));
        assertThat(Tags.remove(Map.of("a", "1", "b", "2"), List.of("a", "zz"))).containsExactly(Map.entry("b", "2"));
        bad(() -> Tags.forUntagResource(List.of()), "tagKeys is required");
        bad(() -> Tags.forUntagResource(List.of("aws:x")), "'aws:x' in tagKeys starts with aws:");
        assertThat(Tags.forUntagResource(List.of("team"))).containsExactly("team");
    }

    @Test
    void tagsReadAsJsonMustBeAnObjectOfStrings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Tags.forCreate(json.readTree("{\"team\":\"sec\"}"))).containsEntry("team", "sec");
        assertThat(Tags.forCreate(json.readTree("null"))).isEmpty();
        bad(() -> Tags.forCreate(json.readTree("[1]")), "tags must be an object");
        bad(() -> Tags.forCreate(json.readTree("{\"n\":1}")), "the value of tag 'n' in tags is not a string");
    }

    private static void bad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(GuardDutyException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((GuardDutyException) e).status()).isEqualTo(400));
    }
}
