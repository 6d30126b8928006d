package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No input makes a parser throw: arbitrary bytes, arbitrary text, and near-valid lines built from real field
 * values and garbage only ever yield records, per-line errors, skips or "not this format".
 *
 * <p>Property-based without a framework: each property runs {@link #TRIES} cases. Every case gets its own seed,
 * derived from the fixed {@link #MASTER_SEED}, and builds its input from a {@link SplittableRandom} on that seed,
 * so runs are reproducible. A failure names the seed (also shown in the test name) and the input; to replay it,
 * call the property method with that seed. The generators are plain static methods of this class.
 */
class ParsersNeverThrowTest {

    static final ParseContext CTX = ParseContext.of("111111111111", "us-east-1", 1_800_000_000_000L);

    /** Fixed so every run generates the same inputs; change it to explore a different sample. */
    static final long MASTER_SEED = 0x5EED_1A57_2026L;

    /** Cases per property. */
    static final int TRIES = 500;

    /** Per-case seeds, one stream per property (salted so properties do not share inputs). */
    static LongStream seeds(long salt) {
        return new SplittableRandom(MASTER_SEED ^ salt).longs(TRIES);
    }

    static LongStream flowSeeds() {
        return seeds(1);
    }

    static LongStream dnsSeeds() {
        return seeds(2);
    }

    static LongStream cloudTrailSeeds() {
        return seeds(3);
    }

    static LongStream bytesSeeds() {
        return seeds(4);
    }

    static LongStream v2Seeds() {
        return seeds(5);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("flowSeeds")
    void flowParserNeverThrows(long seed) {
        String body = flowish(new SplittableRandom(seed));
        String replay = replay(seed, body);
        Collected<FlowLogRecord> c = new Collected<>();
        ParseOutcome o = parseOrFail(replay, () -> new FlowLogParser().parse(body, CTX, c));
        assertThat(o).as(replay).isNotNull();
        if (!o.recognised()) {
            assertThat(c.records).as(replay).isEmpty();
        }
        long lines = body.lines().filter(l -> !l.isBlank()).count();
        assertThat(c.records.size() + c.errors.size()).as(replay).isLessThanOrEqualTo((int) lines);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dnsSeeds")
    void dnsParserNeverThrows(long seed) {
        String body = jsonish(new SplittableRandom(seed));
        String replay = replay(seed, body);
        Collected<DnsLogRecord> c = new Collected<>();
        ParseOutcome o = parseOrFail(replay,
                () -> new DnsLogParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c));
        assertThat(o).as(replay).isNotNull();
        if (!o.recognised()) {
            assertThat(c.records).as(replay).isEmpty();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cloudTrailSeeds")
    void cloudTrailParserNeverThrows(long seed) {
        String body = jsonish(new SplittableRandom(seed));
        String replay = replay(seed, body);
        Collected<CloudTrailRecord> c = new Collected<>();
        ParseOutcome o = parseOrFail(replay,
                () -> new CloudTrailParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c));
        assertThat(o).as(replay).isNotNull();
        if (!o.recognised()) {
            assertThat(c.records).as(replay).isEmpty();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("bytesSeeds")
    void arbitraryBytesNeverThrow(long seed) {
        byte[] body = bytes(new SplittableRandom(seed));
        String replay = "seed " + seed + ", input bytes " + Arrays.toString(body);
        parseOrFail(replay, () -> new FlowLogParser().parse(new String(body, StandardCharsets.UTF_8), CTX,
                new Collected<>()));
        parseOrFail(replay, () -> new DnsLogParser().parse(body, CTX, new Collected<>()));
        parseOrFail(replay, () -> new CloudTrailParser().parse(body, CTX, new Collected<>()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("v2Seeds")
    void validDefaultLinesAlwaysParse(long seed) {
        List<String> lines = v2Lines(new SplittableRandom(seed));
        String body = String.join("\n", lines);
        String replay = replay(seed, body);
        Collected<FlowLogRecord> c = new Collected<>();
        parseOrFail(replay, () -> new FlowLogParser().parse(body, CTX, c));
        assertThat(c.errors).as(replay).isEmpty();
        assertThat(c.records).as(replay).hasSize(lines.size());
    }

    // ---- failure reporting ----

    static String replay(long seed, String input) {
        return "seed " + seed + ", input " + javaLiteral(input);
    }

    /** The input as an escaped Java string literal, so control characters and odd code points are visible. */
    static String javaLiteral(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Runs a parse; any exception becomes an AssertionError naming the seed and input, with the cause kept. */
    static ParseOutcome parseOrFail(String replay, java.util.function.Supplier<ParseOutcome> parse) {
        try {
            return parse.get();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parser threw " + e + " for " + replay, e);
        }
    }

    // ---- generators (all draw only from the given random, so a seed fixes the input) ----

    static final String[] FLOW_TOKENS = {"2", "3", "5", "-", "123456789010", "eni-1235b8ca123456789", "10.0.0.1",
            "2001:db8::1", "22", "6", "1418530070", "ACCEPT", "REJECT", "OK", "NODATA", "SKIPDATA", "version",
            "account-id", "srcaddr", "end", "future-field", "{\"message\":\"2", "\"}", "unknown",
            "99999999999999999999", "-1", "1.2.3.4/24"};

    static final String[] JSON_PIECES = {"{", "}", "[", "]", ",", ":", "\"Records\"", "\"detail\"",
            "\"detail-type\"", "\"eventTime\"", "\"2024-01-01T00:00:00Z\"", "\"query_name\"", "\"query_timestamp\"",
            "\"account_id\"", "\"recipientAccountId\"", "\"123456789012\"", "\"userIdentity\"", "\"answers\"",
            "\"srcids\"", "\"srcaddr\"", "null", "true", "1e999", "\n", "\"digestStartTime\"", "\"eventType\"",
            "\"AwsCloudTrailInsight\""};

    /** Size in [0, max], with the bounds drawn more often than uniform (edge cases: empty and full). */
    static int size(SplittableRandom r, int max) {
        int p = r.nextInt(10);
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            return max;
        }
        return r.nextInt(max + 1);
    }

    /**
     * Flow-log-ish text: up to 8 lines joined by '\n', each up to 20 tokens joined by ' ', each token either a
     * real field value / header name / near-miss from {@link #FLOW_TOKENS} or an arbitrary string of up to 12
     * chars (half and half).
     */
    static String flowish(SplittableRandom r) {
        int nLines = size(r, 8);
        List<String> lines = new ArrayList<>(nLines);
        for (int i = 0; i < nLines; i++) {
            int nTokens = size(r, 20);
            List<String> tokens = new ArrayList<>(nTokens);
            for (int j = 0; j < nTokens; j++) {
                tokens.add(r.nextBoolean() ? pick(r, FLOW_TOKENS) : text(r, 12));
            }
            lines.add(String.join(" ", tokens));
        }
        return String.join("\n", lines);
    }

    /**
     * JSON-ish text: up to 60 pieces concatenated, each a JSON punctuation mark, a key or value of the DNS /
     * CloudTrail / EventBridge shapes from {@link #JSON_PIECES}, or an arbitrary string of up to 6 chars.
     */
    static String jsonish(SplittableRandom r) {
        int n = size(r, 60);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(r.nextBoolean() ? pick(r, JSON_PIECES) : text(r, 6));
        }
        return b.toString();
    }

    /**
     * Arbitrary bytes, up to 512: mostly uniform random bytes, sometimes the UTF-8 of arbitrary text, sometimes
     * random bytes behind a gzip magic number or a JSON / flow-log prefix, so the parsers see both binary noise and
     * bodies that start like their format.
     */
    static byte[] bytes(SplittableRandom r) {
        int kind = r.nextInt(5);
        if (kind == 0) {
            return text(r, 200).getBytes(StandardCharsets.UTF_8);
        }
        byte[] noise = new byte[size(r, 512)];
        r.nextBytes(noise);
        if (kind == 1) {
            return concat(new byte[] {0x1f, (byte) 0x8b}, noise);
        }
        if (kind == 2) {
            String prefix = r.nextBoolean() ? "{\"Records\":[{" : "2 123456789010 eni-0a1b2c ";
            return concat(prefix.getBytes(StandardCharsets.UTF_8), noise);
        }
        return noise;
    }

    /**
     * Valid default-format (version 2) flow log lines, 1 to 20 of them: random IPv4 addresses (each octet
     * 0..255), ports 0..65535, ACCEPT/REJECT, start 0..1_700_000_000 s and end = start + 60.
     */
    static List<String> v2Lines(SplittableRandom r) {
        int n = 1 + size(r, 19);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String src = ipv4(r);
            String dst = ipv4(r);
            int srcPort = r.nextInt(65536);
            int dstPort = r.nextInt(65536);
            String action = r.nextBoolean() ? "ACCEPT" : "REJECT";
            long t = r.nextLong(1_700_000_001L);
            lines.add("2 123456789010 eni-0a1b2c " + src + " " + dst + " " + srcPort + " " + dstPort
                    + " 6 10 840 " + t + " " + (t + 60) + " " + action + " OK");
        }
        return lines;
    }

    static String ipv4(SplittableRandom r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    /**
     * Arbitrary text of up to {@code maxChars} UTF-16 units. Characters are drawn from several families so odd
     * inputs are common: printable ASCII, ASCII controls (NUL, CR, LF, TAB, ...), Unicode whitespace and line
     * separators, any BMP unit (lone surrogates included), and supplementary code points (surrogate pairs).
     */
    static String text(SplittableRandom r, int maxChars) {
        int n = size(r, maxChars);
        StringBuilder b = new StringBuilder(n);
        while (b.length() < n) {
            switch (r.nextInt(6)) {
                case 0, 1 -> b.append((char) (0x20 + r.nextInt(0x5f)));
                case 2 -> b.append((char) r.nextInt(0x20));
                case 3 -> b.append(pick(r, new String[] {" ", "\u00a0", "\u2028", "\u2029", "\u3000", "\ufeff",
                        "\u0085", "\ufffd", "\uffff", "\u007f"}));
                case 4 -> b.append((char) r.nextInt(0x10000));
                default -> {
                    if (b.length() + 2 <= n) {
                        b.appendCodePoint(0x10000 + r.nextInt(0x100000));
                    } else {
                        b.append((char) (0x20 + r.nextInt(0x5f)));
                    }
                }
            }
        }
        return b.toString();
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
