package dev.vigil.findings.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListFindings' opaque {@code nextToken}: the hash of the request's criteria and sort (a token is only valid for the
 * request that produced it), the highest finding sequence number when the first page was read (later findings never
 * enter the listing, so pages stay stable while findings arrive) and the keyset position of the last returned row.
 * Encoded as URL-safe base64 of a small JSON object.
 *
 * @param hash      {@link #hash(String)} of the request's criteria and sort
 * @param maxSeq    the highest {@code seq} the listing includes
 * @param lastValue the sort column's value of the last returned row, as text ({@code null} on the first page)
 * @param lastId    the ID of the last returned row ({@code null} on the first page)
 */
public record PageToken(String hash, long maxSeq, String lastValue, String lastId) {

    /** The hash bound into the tokens of a request whose criteria and sort are {@code text}: 12 hex characters. */
    public static String hash(String text) {
        return FindingIds.sha256Hex32(text).substring(0, 12);
    }

    /** The token as sent to the caller. */
    public String encode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("h", hash).put("s", maxSeq).put("v", lastValue)
                .put("i", lastId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token the caller sent back with a request whose hash is {@code hash}.
     *
     * @throws GuardDutyException 400 when the token is not one of ours, or belongs to other criteria or sort
     */
    public static PageToken decode(String token, String hash) {
        PageToken t;
        try {
            JsonNode n = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            t = new PageToken(n.get("h").asText(), n.get("s").asLong(), n.get("v").asText(), n.get("i").asText());
        } catch (Exception e) {
            throw GuardDutyException.badRequest("The request is rejected because the nextToken is invalid.");
        }
        if (!t.hash.equals(hash)) {
            throw GuardDutyException.badRequest("The request is rejected because the nextToken does not belong "
                    + "to these findingCriteria and sortCriteria.");
        }
        return t;
    }
}
