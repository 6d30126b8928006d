package dev.vigil.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the GuardDuty API on a loopback port, answering the console's calls with fixed GuardDuty-shaped
 * JSON, for the module's rendering, CSRF and CSP tests. The real API (through the gateway, with real tokens) is what
 * the end-to-end {@code ConsoleIT} drives. Requests are recorded in {@link #REQUESTS} ("METHOD path body").
 */
public class ApiStandIn implements QuarkusTestResourceLifecycleManager {

    /** Every request received, in order. */
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String F1 = "f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String F2 = "f2bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        return Map.of("quarkus.rest-client.guardduty.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        REQUESTS.add(x.getRequestMethod() + " " + path + " " + body);
        if (path.equals("/detector")) {
            send(x, 200, "{\"detectorIds\":[\"d1\"]}");
        } else if (path.equals("/detector/d1/findings")) {
            if (body.contains("\"12\"")) {
                send(x, 400, "{\"message\":\"The request is rejected because criterion accountId value 12 is not a "
                        + "12-digit account ID.\",\"__type\":\"BadRequestException\"}");
            } else {
                send(x, 200, "{\"findingIds\":[\"" + F1 + "\",\"" + F2 + "\"],\"nextToken\":\"page-2\"}");
            }
        } else if (path.equals("/detector/d1/findings/get")) {
            StringBuilder out = new StringBuilder("{\"findings\":[");
            if (body.contains(F1)) {
                out.append(finding(F1, 8.0, "Recon:EC2/Portscan", "i-0aaa"));
            }
            if (body.contains(F2)) {
                out.append(body.contains(F1) ? "," : "").append(finding(F2, 2.0, "UnauthorizedAccess:EC2/SSHBruteForce", "i-0bbb"));
            }
            send(x, 200, out.append("]}").toString());
        } else if (path.equals("/detector/d1/findings/statistics")) {
            send(x, 200, statistics(body));
        } else if (path.equals("/detector/d1/filter") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"filterNames\":[\"quiet-scans\",\"api-made\"]}");
        } else if (path.matches("/detector/d1/filter/(quiet-scans|api-made)") && x.getRequestMethod().equals("POST")) {
            if (body.contains("\"rank\":\"x\"")) {
                send(x, 400, "{\"message\":\"The request is rejected because rank must be a number from 1 to 100.\","
                        + "\"__type\":\"BadRequestException\"}");
            } else if (body.contains("\"nope\"")) {
                send(x, 400, "{\"message\":\"Unsupported operator 'nope' for criterion field 'type'.\","
                        + "\"__type\":\"BadRequestException\"}");
            } else if (body.contains("\"accountId\":{\"eq\":[\"12\"]}")) {
                send(x, 400, "{\"message\":\"The request is rejected because criterion accountId value 12 is not a "
                        + "12-digit account ID.\",\"__type\":\"BadRequestException\"}");
            } else {
                send(x, 200, "{\"name\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"}");
            }
        } else if (path.equals("/detector/d1/filter/quiet-scans")) {
            // the High band as integers: the edit form shows it as the band (numbers compare by value)
            send(x, 200, "{\"name\":\"quiet-scans\",\"action\":\"ARCHIVE\",\"rank\":1,\"findingCriteria\":"
                    + "{\"criterion\":{\"severity\":{\"gte\":7,\"lt\":9},\"type\":{\"eq\":[\"Recon:EC2/Portscan\"]}}}}");
        } else if (path.equals("/detector/d1/filter/api-made")) {
            // made through the API with a criterion the console's filter cannot show
            send(x, 200, "{\"name\":\"api-made\",\"action\":\"NOOP\",\"rank\":2,\"findingCriteria\":"
                    + "{\"criterion\":{\"type\":{\"eq\":[\"Recon:EC2/Portscan\"]},"
                    + "\"service.action.networkConnectionAction.remotePortDetails.port\":{\"neq\":[\"22\"]}}}}");
        } else if (path.equals("/detector/d1/filter")) {
            if (body.contains("\"name\":\"x\"")) {
                send(x, 400, "{\"message\":\"The request is rejected because the filter name must be 3 to 64 "
                        + "characters.\",\"__type\":\"BadRequestException\"}");
            } else {
                send(x, 200, "{\"name\":\"ok\"}");
            }
        } else if (path.equals("/detector/d1/member") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"members\":[{\"accountId\":\"222222222222\",\"email\":\"a@example.com\","
                    + "\"relationshipStatus\":\"Enabled\",\"invitedAt\":\"2026-12-05T10:00:00.000Z\"}]}");
        } else if (path.equals("/detector/d1/member")) {
            send(x, 200, body.contains("\"12\"") ? "{\"unprocessedAccounts\":[{\"accountId\":\"12\",\"result\":"
                    + "\"The account ID is not 12 digits.\"}]}" : "{\"unprocessedAccounts\":[]}");
        } else if (path.matches("/detector/d1/member/(invite|start|stop|disassociate)") || path.equals("/invitation/decline")
                || path.equals("/detector/d1/administrator")) {
            send(x, 200, "{\"unprocessedAccounts\":[]}");
        } else if (path.equals("/invitation")) {
            send(x, 200, "{\"invitations\":[{\"accountId\":\"444444444444\",\"invitationId\":\"inv-1\","
                    + "\"relationshipStatus\":\"Invited\",\"invitedAt\":\"2026-12-05T10:00:00.000Z\"}]}");
        } else if (path.equals("/detector/d1/ipset") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"ipSetIds\":[\"ips1\"]}");
        } else if (path.equals("/detector/d1/ipset/ips1") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"name\":\"office\",\"format\":\"TXT\",\"location\":\"https://lists.example/office.txt\","
                    + "\"status\":\"ACTIVE\",\"tags\":{}}");
        } else if (path.matches("/detector/d1/(threatintelset|threatentityset|trustedentityset)") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{}");
        } else if (path.equals("/detector/d1/threatintelset")) {
            send(x, 400, "{\"message\":\"The request is rejected because location must be an https or s3 URL.\","
                    + "\"__type\":\"BadRequestException\"}");
        } else if (path.equals("/detector/d1") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"status\":\"ENABLED\",\"findingPublishingFrequency\":\"SIX_HOURS\"}");
        } else if (path.equals("/detector/d1/publishingDestination") && x.getRequestMethod().equals("GET")) {
            send(x, 200, "{\"destinations\":[{\"destinationId\":\"dest1\",\"destinationType\":\"S3\",\"status\":\"PUBLISHING\"}]}");
        } else if (path.equals("/detector/d1/publishingDestination")) {
            send(x, 400, "{\"message\":\"The request is rejected because kmsKeyArn is not a KMS key ARN.\","
                    + "\"__type\":\"BadRequestException\"}");
        } else if (path.equals("/detector/d1/logsource")) {
            send(x, 200, "{\"logSourceIds\":[\"ls1\"]}");
        } else if (path.equals("/detector/d1/logsource/ls1")) {
            send(x, 200, "{\"logSourceId\":\"ls1\",\"name\":\"vpc-flow\",\"kind\":\"S3_SQS\",\"logType\":\"VPC_FLOW\",\"status\":\"RUNNING\"}");
        } else if (path.equals("/detector/d1/usage/statistics")) {
            // by data source with Vigil's vigilAnalyzed; the resource without it, as AWS's API answers
            send(x, 200, "{\"usageStatistics\":{\"sumByDataSource\":[{\"dataSource\":\"FLOW_LOGS\",\"total\":"
                    + "{\"amount\":\"1.2500\",\"unit\":\"USD\"},\"vigilAnalyzed\":{\"records\":2002000,"
                    + "\"bytes\":644245094400}},{\"dataSource\":\"CLOUD_TRAIL\",\"total\":{\"amount\":\"8.0000\","
                    + "\"unit\":\"USD\"},\"vigilAnalyzed\":{\"records\":2000000,\"bytes\":0}}],\"sumByAccount\":[],"
                    + "\"topResources\":[{\"resource\":\"eni-aws\",\"total\":{\"amount\":\"0.5000\",\"unit\":\"USD\"}}]}}");
        } else if (path.equals("/detector/d1/freeTrial/daysRemaining")) {
            send(x, 200, "{\"accounts\":[{\"accountId\":\"111111111111\",\"dataSources\":{\"flowLogs\":"
                    + "{\"freeTrialDaysRemaining\":27}}}],\"unprocessedAccounts\":[]}");
        } else if (path.matches("/detector/d1/findings/(archive|unarchive|feedback)")) {
            send(x, 200, "{}");
        } else if (path.matches("/detector/d1/findings/" + F1 + "/(asff|ocsf)")) {
            send(x, 200, "{\"format\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"}");
        } else {
            send(x, 404, "{\"message\":\"No route for this path.\",\"__type\":\"NotFoundException\"}");
        }
    }

    private static String statistics(String body) {
        if (body.contains("\"FINDING_TYPE\"")) {
            return "{\"findingStatistics\":{\"groupedByFindingType\":[{\"findingType\":\"Recon:EC2/Portscan\",\"totalFindings\":7}]}}";
        }
        if (body.contains("\"RESOURCE\"")) {
            return "{\"findingStatistics\":{\"groupedByResource\":[{\"resourceId\":\"i-0aaa\",\"totalFindings\":5}]}}";
        }
        if (body.contains("\"ACCOUNT\"")) {
            return "{\"findingStatistics\":{\"groupedByAccount\":[{\"accountId\":\"222222222222\",\"totalFindings\":3}]}}";
        }
        if (body.contains("\"DATE\"")) {
            double today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
            return "{\"findingStatistics\":{\"groupedByDate\":[{\"date\":" + today + ",\"totalFindings\":4,\"severity\":8.0}]}}";
        }
        return "{\"findingStatistics\":{\"countBySeverity\":{\"8.0\":3,\"2.0\":1,\"9.5\":2}}}";
    }

    private static String finding(String id, double severity, String type, String instance) {
        return "{\"id\":\"" + id + "\",\"accountId\":\"111111111111\",\"region\":\"us-east-1\",\"severity\":" + severity
                + ",\"type\":\"" + type + "\",\"title\":\"Title of " + id.substring(0, 2) + "\",\"description\":\"What happened.\","
                + "\"updatedAt\":\"2026-12-05T10:00:00.000Z\",\"resource\":{\"resourceType\":\"Instance\",\"instanceDetails\":"
                + "{\"instanceId\":\"" + instance + "\"}},\"service\":{\"count\":3,\"archived\":false,"
                + "\"eventLastSeen\":\"2026-12-05T10:00:00.000Z\",\"action\":{\"actionType\":\"NETWORK_CONNECTION\","
                + "\"networkConnectionAction\":{\"remoteIpDetails\":{\"ipAddressV4\":\"198.51.100.7\","
                + "\"country\":{\"countryName\":\"Exampleland\"}},\"remotePortDetails\":{\"port\":22}}},"
                + "\"additionalInfo\":{\"value\":\"{}\",\"type\":\"default\"}}}";
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
