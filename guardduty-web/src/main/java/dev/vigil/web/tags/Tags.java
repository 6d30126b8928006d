package dev.vigil.web.tags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.web.GuardDutyException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * GuardDuty's tag rules, the same for every taggable resource and every operation that takes tags (CreateDetector,
 * CreateFilter, CreateIPSet, CreateThreatIntelSet, CreateThreatEntitySet, CreateTrustedEntitySet,
 * CreatePublishingDestination, TagResource) or tag keys (UntagResource). Source: the guardduty-2017-11-28 model
 * ({@code TagMap} 1 to {@value #MAX_PER_REQUEST} entries, {@code TagKey} 1 to {@value #MAX_KEY_LENGTH} characters of
 * pattern {@value #KEY_PATTERN}, {@code TagValue} 0 to {@value #MAX_VALUE_LENGTH} characters, {@code TagKeyList} 1 to
 * {@value #MAX_PER_REQUEST} keys) and the ListTagsForResource documentation (at most {@value #MAX_PER_RESOURCE} tags
 * per resource). The {@code aws:} prefix is reserved in any letter case, as AWS's tagging rules say. Every violation
 * is 400 {@code BadRequestException} naming the member ({@code tags}, {@code tagKeys}) and the key at fault.
 *
 * <p>Tenancy: {@link #resourceNotFound()} is the one answer for an ARN that is malformed, names another account or
 * region, or names a resource that does not exist, so a caller learns nothing about other tenants' resources.
 */
public final class Tags {

    /** Tags one resource may have. */
    public static final int MAX_PER_RESOURCE = 50;
    /** Entries of one {@code TagMap} or {@code TagKeyList} in a request. */
    public static final int MAX_PER_REQUEST = 200;
    /** Longest tag key. */
    public static final int MAX_KEY_LENGTH = 128;
    /** Longest tag value. */
    public static final int MAX_VALUE_LENGTH = 256;
    /** The model's {@code TagKey} pattern. */
    public static final String KEY_PATTERN = "(?!aws:)[a-zA-Z+-=._:/]+";
    /** The answer to an ARN that is malformed, another account's or region's, or names nothing. */
    public static final String RESOURCE_NOT_FOUND =
            "The request is rejected because the input resourceArn is not valid or not owned by the current account.";

    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    private Tags() {
    }

    /** HTTP 400 {@link #RESOURCE_NOT_FOUND}. */
    public static GuardDutyException resourceNotFound() {
        return GuardDutyException.badRequest(RESOURCE_NOT_FOUND);
    }

    /**
     * The resource a tag operation on {@code resourceArn} addresses for a caller of {@code accountId} in
     * {@code region}: the account always comes from the credential, the region from the request.
     *
     * @throws GuardDutyException {@link #resourceNotFound()} when the ARN is malformed or names another account or
     *         region (whether the resource exists is the caller's check, answered the same way)
     */
    public static ResourceArn resolve(String resourceArn, String accountId, String region) {
        return ResourceArn.parse(resourceArn).filter(a -> a.accountId().equals(accountId) && a.region().equals(region))
                .orElseThrow(Tags::resourceNotFound);
    }

    /**
     * The tags of a Create operation's {@code tags} member: none when absent.
     *
     * @return the tags, sorted by key
     * @throws GuardDutyException 400 naming the member and key at fault, or more than {@value #MAX_PER_RESOURCE}
     */
    public static Map<String, String> forCreate(Map<String, String> tags) {
        if (tags == null) {
            return new TreeMap<>();
        }
        Map<String, String> out = check(tags);
        if (out.size() > MAX_PER_RESOURCE) {
            throw GuardDutyException.badRequest("The request is rejected because tags has " + out.size()
                    + " tags: a resource may have at most " + MAX_PER_RESOURCE + ".");
        }
        return out;
    }

    /** {@link #forCreate(Map)} of a {@code tags} member read as JSON (absent or {@code null}: none). */
    public static Map<String, String> forCreate(JsonNode tags) {
        return forCreate(fromJson(tags));
    }

    /**
     * TagResource's {@code tags}: required, 1 to {@value #MAX_PER_REQUEST} valid tags.
     *
     * @throws GuardDutyException 400 naming the member and key at fault
     */
    public static Map<String, String> forTagResource(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            throw GuardDutyException.badRequest("The request is rejected because tags is required: 1 to "
                    + MAX_PER_REQUEST + " tags.");
        }
        return check(tags);
    }

    /**
     * UntagResource's {@code tagKeys}: required, 1 to {@value #MAX_PER_REQUEST} valid keys.
     *
     * @throws GuardDutyException 400 naming the member and key at fault
     */
    public static List<String> forUntagResource(List<String> tagKeys) {
        if (tagKeys == null || tagKeys.isEmpty()) {
            throw GuardDutyException.badRequest("The request is rejected because tagKeys is required: 1 to "
                    + MAX_PER_REQUEST + " tag keys.");
        }
        if (tagKeys.size() > MAX_PER_REQUEST) {
            throw GuardDutyException.badRequest("The request is rejected because tagKeys has " + tagKeys.size()
                    + " keys: at most " + MAX_PER_REQUEST + " are allowed.");
        }
        tagKeys.forEach(k -> checkKey("tagKeys", k));
        return List.copyOf(tagKeys);
    }

    /**
     * {@code existing} with {@code added} set (a key already there takes the new value).
     *
     * @throws GuardDutyException 400 when the resource would have more than {@value #MAX_PER_RESOURCE} tags
     */
    public static Map<String, String> add(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> out = new TreeMap<>(existing);
        out.putAll(added);
        if (out.size() > MAX_PER_RESOURCE) {
            throw GuardDutyException.badRequest("The request is rejected because the resource would have " + out.size()
                    + " tags: a resource may have at most " + MAX_PER_RESOURCE + ".");
        }
        return out;
    }

    /** {@code existing} without {@code keys} (keys it does not have are ignored, as in GuardDuty). */
    public static Map<String, String> remove(Map<String, String> existing, Collection<String> keys) {
        Map<String, String> out = new TreeMap<>(existing);
        keys.forEach(out::remove);
        return out;
    }

    /**
     * The {@code tags} member of a request read as JSON: absent or {@code null} is none; else an object of strings.
     *
     * @throws GuardDutyException 400 when it is not an object or a value is not a string
     */
    public static Map<String, String> fromJson(JsonNode tags) {
        if (tags == null || tags.isNull() || tags.isMissingNode()) {
            return null;
        }
        if (!tags.isObject()) {
            throw GuardDutyException.badRequest("The request is rejected because tags must be an object of tag keys to "
                    + "string values.");
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw GuardDutyException.badRequest("The request is rejected because the value of tag '"
                        + shown(e.getKey()) + "' in tags is not a string.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Map<String, String> check(Map<String, String> tags) {
        if (tags.size() > MAX_PER_REQUEST) {
            throw GuardDutyException.badRequest("The request is rejected because tags has " + tags.size()
                    + " tags: at most " + MAX_PER_REQUEST + " are allowed in a request.");
        }
        Map<String, String> out = new TreeMap<>();
        tags.forEach((k, v) -> {
            checkKey("tags", k);
            if (v == null) {
                throw GuardDutyException.badRequest("The request is rejected because the value of tag '" + k
                        + "' in tags is not a string.");
            }
            if (v.length() > MAX_VALUE_LENGTH) {
                throw GuardDutyException.badRequest("The request is rejected because the value of tag '" + k
                        + "' in tags is longer than " + MAX_VALUE_LENGTH + " characters.");
            }
            out.put(k, v);
        });
        return out;
    }

    private static void checkKey(String member, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw GuardDutyException.badRequest("The request is rejected because a tag key in " + member
                    + " is empty or longer than " + MAX_KEY_LENGTH + " characters: '" + shown(key) + "'.");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw GuardDutyException.badRequest("The request is rejected because the tag key '" + key + "' in " + member
                    + " starts with aws:, a prefix reserved for AWS.");
        }
        if (!KEY.matcher(key).matches()) {
            throw GuardDutyException.badRequest("The request is rejected because the tag key '" + key + "' in " + member
                    + " does not match the pattern " + KEY_PATTERN + " (letters, digits and + - = . _ : /).");
        }
    }

    /** {@code key} as shown in a message: at most the first 40 characters. */
    private static String shown(String key) {
        return key == null ? "" : key.length() > 40 ? key.substring(0, 40) + "..." : key;
    }
}
