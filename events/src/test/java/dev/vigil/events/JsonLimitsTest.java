package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON limits and their messages, on a real Jackson mapper. */
class JsonLimitsTest {

    final ObjectMapper mapper = JsonLimits.limit(JsonMapper.builder().build(), 10_000);

    record Body(String name, List<Integer> counts) {
    }

    String describe(String json, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, type));
        assertThat(e).as(json.length() > 50 ? json.substring(0, 50) : json).isNotNull();
        String message = JsonLimits.describe(e);
        assertThat(message).doesNotContain("`", "java.", "jackson", "StreamReadConstraints", "Exception");
        return message;
    }

    @Test
    void deepNestingStopsAtTheLimitWithAPlainMessage() {
        assertThat(describe("[".repeat(10_000), Object.class))
                .startsWith("Document nesting depth (65) exceeds the maximum allowed (64)");
        assertThat(describe("{\"a\":".repeat(65) + "1" + "}".repeat(65), Object.class)).contains("nesting depth");
        String ok = "[".repeat(64) + "]".repeat(64);
        assertThat(catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(ok))).isNull();
    }

    @Test
    void longNumbersStringsAndDocumentsAreRefused() {
        assertThat(describe("[" + "9".repeat(101) + "]", Object.class)).contains("Number value length");
        assertThat(describe("[\"" + "x".repeat(20_000) + "\"]", Object.class)).contains("exceeds the maximum");
    }

    @Test
    void typeErrorsNameTheMemberNotTheJavaType() {
        assertThat(describe("{\"name\":{\"a\":1}}", Body.class))
                .isEqualTo("member 'name' is missing or has a value of the wrong type");
        assertThat(describe("{\"counts\":[1,\"x\"]}", Body.class))
                .isEqualTo("member 'counts[1]' is missing or has a value of the wrong type");
        assertThat(describe("{\"name\": tru}", Body.class)).contains("(line 1, column");
    }

    @Test
    void syntaxErrorsNameOnlyTheLocation() {
        assertThat(describe("{/* a comment */}", Object.class))
                .isEqualTo("the document is not valid JSON (line 1, column 2)")
                .doesNotContain("Feature", "ALLOW_COMMENTS");
        assertThat(describe("{'a':1}", Object.class)).startsWith("the document is not valid JSON (line 1");
    }
}
