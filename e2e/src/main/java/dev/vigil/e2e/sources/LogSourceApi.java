package dev.vigil.e2e.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.e2e.client.ApiClient;
import java.util.Map;

/**
 * The log source operations of accounts-service ({@code /detector/{detectorId}/logsource}, README "accounts-service")
 * for one tenant, as its administrator.
 */
public final class LogSourceApi {
    private final ApiClient accounts;
    private final String detectorId;

    /**
     * @param accounts   accounts-service, signed in as an administrator of the tenant
     * @param detectorId the tenant's detector
     */
    public LogSourceApi(ApiClient accounts, String detectorId) {
        this.accounts = accounts;
        this.detectorId = detectorId;
    }

    /**
     * A source ready to use.
     *
     * @param logSourceId       its ID
     * @param firehoseAccessKey a {@code FIREHOSE} source's access key (new or rotated), else null
     * @param created           whether CreateLogSource made it now (false: an existing source of that name)
     */
    public record Source(String logSourceId, String firehoseAccessKey, boolean created) {
    }

    /**
     * The tenant's source named {@code settings.name}, created with {@code settings} if there is none; an existing
     * one keeps its ID and is updated to {@code settings} (a {@code FIREHOSE} source gets a new access key, since the
     * old one was shown only once).
     *
     * @param settings CreateLogSource's body (name, kind, logType, queueUrl, bucket, prefix, endpoint, credentials ...)
     */
    public Source ensure(Map<String, Object> settings) {
        String name = (String) settings.get("name");
        boolean firehose = "FIREHOSE".equals(settings.get("kind"));
        for (JsonNode id : accounts.get(base()).path("logSourceIds")) {
            if (name.equals(get(id.asText()).path("name").asText())) {
                Map<String, Object> update = new java.util.HashMap<>(settings);
                update.remove("kind");
                if (firehose) {
                    update.put("rotateFirehoseAccessKey", true);
                }
                JsonNode r = accounts.post(base() + "/" + id.asText(), update);
                return new Source(id.asText(), firehose ? r.path("firehoseAccessKey").asText() : null, false);
            }
        }
        JsonNode r = accounts.post(base(), settings);
        return new Source(r.path("logSourceId").asText(), firehose ? r.path("firehoseAccessKey").asText() : null, true);
    }

    /** GetLogSource: settings (no secrets) and {@code statusDetails}. */
    public JsonNode get(String logSourceId) {
        return accounts.get(base() + "/" + logSourceId);
    }

    private String base() {
        return "/detector/" + detectorId + "/logsource";
    }
}
