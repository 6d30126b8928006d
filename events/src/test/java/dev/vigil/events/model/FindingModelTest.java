package dev.vigil.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import org.junit.jupiter.api.Test;

/** The model check finds each kind of departure and accepts GuardDuty's own shapes; the legacy upgrade conforms. */
class FindingModelTest {

    private static final String GOOD = """
            {"accountId":"111111111111","id":"abc","type":"Recon:EC2/PortProbeUnprotectedPort","severity":5.0,
             "createdAt":"2026-11-01T10:00:00.000Z","schemaVersion":"2.0","partition":"aws","region":"us-east-1",
             "resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-1",
               "networkInterfaces":[{"privateIpAddress":"10.0.0.1"}]}},
             "service":{"count":3,"archived":false,"additionalInfo":{"value":"{\\"sample\\":true}","type":"default"},
               "action":{"actionType":"PORT_PROBE","portProbeAction":{"blocked":false,
                 "portProbeDetails":[{"localPortDetails":{"port":80,"portName":"HTTP"}}]}},
               "detection":{"anomaly":{"unusual":{"behavior":{"p":{"f":{"profileSubtype":"RARE",
                 "observations":{"number":[3],"text":["3.5"]}}}}}}}}}
            """;

    private static ObjectNode doc(String json) {
        return (ObjectNode) Json.read(json, JsonNode.class);
    }

    @Test
    void guardDutysShapesConform() {
        assertThat(FindingModel.guardDuty().violations(doc(GOOD))).isEmpty();
    }

    @Test
    void eachKindOfDepartureIsNamedByPath() {
        ObjectNode d = doc(GOOD);
        ObjectNode service = (ObjectNode) d.get("service");
        service.putObject("additionalInfo").put("sample", true);
        service.put("count", "3");
        service.with("action").with("portProbeAction").put("blocked", "no");
        d.put("severity", "high");
        d.with("resource").put("instanceDetails", "i-1");
        d.put("nope", 1);
        service.with("detection").with("anomaly").with("unusual").with("behavior").with("p").with("f")
                .with("observations").putArray("number").add(2.5);
        service.put("resourceRole", 7);
        assertThat(FindingModel.guardDuty().violations(d)).containsExactlyInAnyOrder(
                "$.service.additionalInfo.sample: not a member of ServiceAdditionalInfo",
                "$.service.count: expected an integral number (Integer), found STRING",
                "$.service.action.portProbeAction.blocked: expected a boolean (Boolean), found STRING",
                "$.severity: expected a number (Double), found STRING",
                "$.resource.instanceDetails: expected an object (InstanceDetails), found STRING",
                "$.nope: not a member of Finding",
                "$.service.detection.anomaly.unusual.behavior.p.f.observations.number[0]: expected an integral number (Long), found NUMBER",
                "$.service.resourceRole: expected a string (String), found NUMBER");
    }

    @Test
    void anEnumValueOutsideTheModelIsReported() {
        ObjectNode d = doc(GOOD);
        d.with("service").with("detection").with("anomaly").with("unusual").with("behavior").with("p").with("f")
                .put("profileSubtype", "ODD");
        assertThat(FindingModel.guardDuty().violations(d)).singleElement().asString()
                .contains("'ODD' is not a value of enum ProfileSubtype");
    }

    @Test
    void preModelFindingsAreUpgradedAndTheirMembersStillRead() {
        ObjectNode d = doc(GOOD);
        ObjectNode service = (ObjectNode) d.get("service");
        service.putObject("additionalInfo").put("threatListName", "ProofPoint").put("sample", true);
        service.with("action").putObject("awsApiCallAction").putObject("userAgent").put("fullUserAgent", "aws-cli/2");
        FindingShapes.conform(d);
        assertThat(FindingModel.guardDuty().violations(d)).isEmpty();
        assertThat(d.at("/service/action/awsApiCallAction/userAgent").asText()).isEqualTo("aws-cli/2");
        assertThat(AdditionalInfo.at(d, "/service/additionalInfo/threatListName").asText()).isEqualTo("ProofPoint");
        assertThat(AdditionalInfo.at(d, "/service/additionalInfo/sample").asBoolean()).isTrue();
        assertThat(FindingShapes.conform(d.deepCopy())).isEqualTo(d);
    }
}
