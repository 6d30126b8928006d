package dev.vigil.ingest.parse;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.regex.Pattern;

/**
 * Validation of single field values shared by the parsers. Each check returns normally or throws
 * {@link BadValue}, whose message names the field and the value; parsers turn it into a per-line error.
 */
final class Values {

    /** One plain IPv4 or IPv6 address: no prefix, mask, range, wildcard, zone or inet_aton short forms. */
    private static final IPAddressStringParameters STRICT_IP;

    static {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder();
        b.allowEmpty(false);
        b.allowAll(false);
        b.allowPrefix(false);
        b.allowMask(false);
        b.allowPrefixOnly(false);
        b.allowSingleSegment(false);
        b.allow_inet_aton(false);
        b.allowWildcardedSeparator(false);
        b.setRangeOptions(RangeParameters.NO_RANGE);
        b.getIPv4AddressParametersBuilder().allowLeadingZeros(false);
        b.getIPv6AddressParametersBuilder().allowZone(false);
        b.getIPv6AddressParametersBuilder().allowBase85(false);
        STRICT_IP = b.toParams();
    }

    /** An AWS region name as written in logs (lower-case letters, digits, dashes). */
    private static final Pattern REGION = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
    private static final int MAX_VALUE_CHARS = 2048;

    private Values() {
    }

    /** Thrown by the checks: the message is the per-line reason. */
    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether {@code s} is one IPv4 or IPv6 address. */
    static boolean isIp(String s) {
        return s.length() <= 64 && new IPAddressString(s, STRICT_IP).isIPAddress();
    }

    static String ip(String field, String value) throws BadValue {
        if (!isIp(value)) {
            throw new BadValue(field + ": '" + shorten(value) + "' is not an IPv4 or IPv6 address");
        }
        return value;
    }

    static long number(String field, String value, long min, long max) throws BadValue {
        int len = value.length();
        if (len == 0 || len > 19) {
            throw notNumber(field, value, min, max);
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw notNumber(field, value, min, max);
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                throw notNumber(field, value, min, max);
            }
        }
        if (v < min || v > max) {
            throw notNumber(field, value, min, max);
        }
        return v;
    }

    private static BadValue notNumber(String field, String value, long min, long max) {
        return new BadValue(field + ": '" + shorten(value) + "' is not a whole number from " + min + " to " + max);
    }

    static String account(String field, String value) throws BadValue {
        if (!dev.vigil.events.Keys.isAccountId(value)) {
            throw new BadValue(field + ": '" + shorten(value) + "' is not a 12-digit account ID");
        }
        return value;
    }

    static String region(String field, String value) throws BadValue {
        if (value.length() > 32 || !REGION.matcher(value).matches()) {
            throw new BadValue(field + ": '" + shorten(value) + "' is not a region name");
        }
        return value;
    }

    /**
     * An ISO-8601 UTC time such as {@code 2021-02-04T17:51:55Z}, no later than the context allows.
     *
     * @return UTC epoch milliseconds
     */
    static long isoTime(String field, String value, ParseContext ctx) throws BadValue {
        if (value == null) {
            throw new BadValue(field + ": missing");
        }
        long t;
        try {
            t = java.time.Instant.parse(value).toEpochMilli();
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new BadValue(field + ": '" + shorten(value) + "' is not an ISO-8601 UTC time");
        }
        if (t > ctx.latestEventTimeMillis()) {
            throw new BadValue(field + ": '" + value + "' is in the future");
        }
        return t;
    }

    static String text(String field, String value) throws BadValue {
        if (value.length() > MAX_VALUE_CHARS) {
            throw new BadValue(field + ": value longer than " + MAX_VALUE_CHARS + " characters");
        }
        return value;
    }

    /** A value cut to 64 characters for an error message. */
    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String v = value.length() <= 64 ? value : value.substring(0, 61) + "...";
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
