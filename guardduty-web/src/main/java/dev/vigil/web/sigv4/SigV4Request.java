package dev.vigil.web.sigv4;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request that carries AWS Signature Version 4, parsed: the request as the signer saw it (method, raw path,
 * query parameters, headers, body) and what the signature claims (access key, credential scope, signed headers,
 * signature, session token). Two forms (AWS "Signature Version 4 signing process"): the {@code Authorization:
 * AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header with {@code X-Amz-Date}, and a presigned
 * URL whose query holds {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}.
 *
 * @param method        HTTP method
 * @param rawPath       the path as received, still percent-encoded
 * @param query         query parameters in order, names and values percent-decoded
 * @param headers       headers by lower-case name, values in order
 * @param body          the body (empty for none)
 * @param presigned     whether the signature is in the query
 * @param accessKeyId   the credential's access key ID
 * @param amzDate       {@code X-Amz-Date} as sent ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param date          {@code amzDate} as an instant
 * @param region        credential scope region
 * @param service       credential scope service (signing name)
 * @param signedHeaders lower-case names of the signed headers
 * @param signature     the hex signature
 * @param expiresSeconds presigned lifetime in seconds (0 for the header form)
 * @param sessionToken  {@code X-Amz-Security-Token}, or {@code null}
 */
public record SigV4Request(String method, String rawPath, List<Map.Entry<String, String>> query,
        Map<String, List<String>> headers, byte[] body, boolean presigned, String accessKeyId, String amzDate,
        Instant date, String region, String service, List<String> signedHeaders, String signature, long expiresSeconds,
        String sessionToken) {

    /** The only algorithm accepted. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The longest presigned lifetime AWS accepts: 7 days. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** Whether a request with these headers and raw query is SigV4-signed (header form or presigned query). */
    public static boolean isSigned(String authorization, String rawQuery) {
        return authorization != null && authorization.startsWith(ALGORITHM + " ")
                || rawQuery != null && rawQuery.contains("X-Amz-Signature=") && rawQuery.contains("X-Amz-Credential=");
    }

    /**
     * Parses a signed request.
     *
     * @param headers headers by any-case name
     * @throws SigV4Exception {@link SigV4Error#INCOMPLETE} naming the missing or malformed part
     */
    public static SigV4Request parse(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        List<Map.Entry<String, String>> query = parseQuery(rawQuery);
        String authorization = first(lower, "authorization");
        if (authorization != null && authorization.startsWith(ALGORITHM + " ")) {
            Map<String, String> parts = authorizationParts(authorization.substring(ALGORITHM.length() + 1));
            String amzDate = first(lower, "x-amz-date");
            if (amzDate == null) {
                throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
            }
            return build(method, rawPath, query, lower, body, false, parts.get("Credential"), amzDate,
                    parts.get("SignedHeaders"), parts.get("Signature"), 0, first(lower, "x-amz-security-token"));
        }
        String algorithm = param(query, "X-Amz-Algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw incomplete("X-Amz-Algorithm must be " + ALGORITHM + ".");
        }
        String expires = param(query, "X-Amz-Expires");
        long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw incomplete("X-Amz-Expires must be a number of seconds.");
        }
        if (expiresSeconds < 1 || expiresSeconds > MAX_EXPIRES_SECONDS) {
            throw incomplete("X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds.");
        }
        String amzDate = param(query, "X-Amz-Date");
        if (amzDate == null) {
            throw incomplete("The presigned request has no X-Amz-Date.");
        }
        return build(method, rawPath, query, lower, body, true, param(query, "X-Amz-Credential"), amzDate,
                param(query, "X-Amz-SignedHeaders"), param(query, "X-Amz-Signature"), expiresSeconds,
                param(query, "X-Amz-Security-Token"));
    }

    private static SigV4Request build(String method, String rawPath, List<Map.Entry<String, String>> query,
            Map<String, List<String>> headers, byte[] body, boolean presigned, String credential, String amzDate,
            String signedHeaders, String signature, long expires, String token) {
        if (credential == null) {
            throw incomplete("The signature requires the 'Credential' parameter.");
        }
        if (signedHeaders == null || signedHeaders.isBlank()) {
            throw incomplete("The signature requires the 'SignedHeaders' parameter.");
        }
        if (signature == null || !signature.matches("[0-9a-f]{64}")) {
            throw incomplete("The signature requires the 'Signature' parameter: 64 lower-case hexadecimal digits.");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !"aws4_request".equals(scope[4])) {
            throw incomplete("Credential must be <access key>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        }
        Instant date;
        try {
            date = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw incomplete("X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'.");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new SigV4Exception(SigV4Error.SIGNATURE_MISMATCH, "The credential scope date " + scope[1]
                    + " is not the date of X-Amz-Date.");
        }
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        if (!names.contains("host")) {
            throw incomplete("SignedHeaders must include host.");
        }
        for (String name : names) {
            if (!headers.containsKey(name)) {
                throw incomplete("The signed header '" + name + "' is not in the request.");
            }
        }
        return new SigV4Request(method, rawPath, query, headers, body == null ? new byte[0] : body, presigned, scope[0],
                amzDate, date, scope[2], scope[3], List.copyOf(names), signature, expires, token);
    }

    private static Map<String, String> authorizationParts(String rest) {
        Map<String, String> parts = new TreeMap<>();
        for (String part : rest.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw incomplete("The Authorization header is malformed: each part must be name=value.");
            }
            parts.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return parts;
    }

    private static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(decode(name), decode(value)));
        }
        return out;
    }

    /** Percent-decoding that keeps {@code +} (SigV4 canonical queries encode a space as %20 and '+' as %2B). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw incomplete("The query string is not validly percent-encoded.");
        }
    }

    private static String param(List<Map.Entry<String, String>> query, String name) {
        for (Map.Entry<String, String> e : query) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> headers, String lowerName) {
        List<String> v = headers.get(lowerName);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static SigV4Exception incomplete(String message) {
        return new SigV4Exception(SigV4Error.INCOMPLETE, message);
    }

    /** The first value of header {@code lowerName}, or {@code null}. */
    public String header(String lowerName) {
        return first(headers, lowerName);
    }

    /** When a presigned request stops being valid ({@link #date()} plus {@code X-Amz-Expires}). */
    public Instant expiresAt() {
        return date.plusSeconds(expiresSeconds);
    }

    @Override
    public String toString() {
        // never the signature, the session token or the body
        return "SigV4Request[" + method + " " + rawPath + ", key " + accessKeyId + ", scope " + region + "/" + service
                + (presigned ? ", presigned" : "") + "]";
    }
}
