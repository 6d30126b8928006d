package dev.vigil.findings.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Criteria#compile}: GuardDuty FindingCriteria to a SQL condition and its parameters; plain JUnit. */
class CriteriaTest {

    private static Criteria compile(String criterion) {
        return Criteria.compile(Json.read("{\"criterion\":" + criterion + "}", JsonNode.class));
    }

    private static String error(String criterion) {
        try {
            compile(criterion);
        } catch (GuardDutyException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.getMessage();
        }
        throw new AssertionError("compiled: " + criterion);
    }

    @Test
    void noCriteriaIsNoCondition() {
        assertThat(Criteria.compile(null)).isEqualTo(Criteria.NONE);
        assertThat(Criteria.compile(Json.read("{}", JsonNode.class))).isEqualTo(Criteria.NONE);
        assertThat(compile("{}")).isEqualTo(Criteria.NONE);
        assertThat(compile("{\"type\":{\"eq\":null}}")).isEqualTo(Criteria.NONE);
    }

    @Test
    void listsAreOredAndFieldsAnded() {
        Criteria c = compile("{\"type\":{\"eq\":[\"Recon:EC2/Portscan\",\"Trojan:EC2/DNSDataExfiltration\"]},"
                + "\"severity\":{\"gte\":7}}");
        assertThat(c.sql()).isEqualTo("(type in (?,?) and severity >= ?)");
        assertThat(c.params()).containsExactly("Recon:EC2/Portscan", "Trojan:EC2/DNSDataExfiltration", 7.0);
    }

    @Test
    void notEqualsKeepsFindingsWithoutTheField() {
        Criteria c = compile("{\"resource.instanceDetails.instanceId\":{\"neq\":[\"i-1\"]}}");
        assertThat(c.sql()).isEqualTo("((instance_id is null or instance_id not in (?)))");
        assertThat(c.params()).containsExactly("i-1");
    }

    @Test
    void valuesAreTypedForTheirColumn() {
        assertThat(compile("{\"updatedAt\":{\"greaterThan\":1700000000000}}").params())
                .containsExactly(Timestamp.from(Instant.ofEpochMilli(1_700_000_000_000L)));
        assertThat(compile("{\"service.action.networkConnectionAction.remotePortDetails.port\":{\"eq\":[\"22\"]}}")
                .params()).containsExactly(22);
        assertThat(compile("{\"service.archived\":{\"equals\":[\"false\"]}}").params()).containsExactly(false);
        assertThat(compile("{\"service.count\":{\"lt\":\"10\"}}").params()).containsExactly(10.0);
    }

    @Test
    void wildcardsBecomeLikePatternsWithTheRestEscaped() {
        Criteria c = compile("{\"service.action.dnsRequestAction.domain\":{\"matches\":[\"*.evil_1%.com\"]}}");
        assertThat(c.sql()).isEqualTo("((dns_domain like ?))");
        assertThat(c.params()).containsExactly("%.evil\\_1\\%.com");
        assertThat(compile("{\"type\":{\"notMatches\":[\"Recon:*\"]}}").sql())
                .isEqualTo("((type is null or not (type like ?)))");
    }

    @Test
    void everyMistakeIsA400NamingTheFieldOrOperator() {
        assertThat(error("{\"nope.field\":{\"eq\":[\"x\"]}}")).contains("Unsupported criterion field 'nope.field'");
        assertThat(error("{\"type\":{\"gt\":3}}")).contains("Operator 'gt' is not supported for criterion field 'type'");
        assertThat(error("{\"type\":{\"like\":[\"a\"]}}")).contains("Unsupported operator 'like'");
        assertThat(error("{\"type\":{}}")).contains("must be an object with at least one operator");
        assertThat(error("{\"type\":{\"eq\":[]}}")).contains("needs a non-empty list of strings");
        assertThat(error("{\"severity\":{\"eq\":[\"high\"]}}")).contains("'high'").contains("not a valid number");
        assertThat(error("{\"updatedAt\":{\"gte\":\"yesterday\"}}")).contains("UTC epoch milliseconds");
        assertThat(error("{\"severity\":{\"matches\":[\"8*\"]}}")).contains("only supported for string criterion fields");
        assertThat(error("[]")).contains("must be an object");
    }

    @Test
    void timestampsOutsideTheYears1To9999AreA400NotADatabaseError() {
        assertThat(error("{\"updatedAt\":{\"lte\":-100000000000000}}")).contains("'updatedAt'", "out of range");
        assertThat(error("{\"updatedAt\":{\"gte\":\"300000000000000\"}}")).contains("'updatedAt'", "out of range");
        assertThat(error("{\"updatedAt\":{\"eq\":[\"+12345-01-01T00:00:00Z\"]}}")).contains("not a valid timestamp");
        assertThat(compile("{\"updatedAt\":{\"gte\":253402300799999}}").params()).hasSize(1);
    }
}
