package dev.vigil.accounts.rest;

import dev.vigil.web.GuardDutyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * GuardDuty pagination: {@code maxResults} 1-50 (default 50) and an opaque {@code nextToken} (here the base64 of the
 * next offset).
 */
public final class Pages {

    private Pages() {
    }

    /** One page of items and the token of the next one (null at the end). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * Cuts one page out of {@code all}.
     *
     * @throws GuardDutyException 400 if maxResults is outside 1-50 or the token is not one of ours
     */
    public static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken) {
        int size = maxResults == null ? 50 : maxResults;
        if (size < 1 || size > 50) {
            throw GuardDutyException.badRequest("maxResults must be between 1 and 50.");
        }
        int offset = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
                if (!text.startsWith("o:")) {
                    throw new IllegalArgumentException();
                }
                offset = Integer.parseInt(text.substring(2));
                if (offset < 0) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw GuardDutyException.badRequest("The nextToken is not valid.");
            }
        }
        int from = Math.min(offset, all.size());
        int to = Math.min(from + size, all.size());
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(all.subList(from, to), next);
    }
}
