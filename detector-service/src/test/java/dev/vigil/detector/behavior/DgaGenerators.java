package dev.vigil.detector.behavior;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Public domain-generation algorithms, re-implemented for the DGA benchmark (labelled malicious names).
 *
 * <ul>
 * <li>{@link #wikipedia}: the example DGA of the Wikipedia article "Domain generation algorithm" (16 letters from
 * xor-shifts of year, month and day), the algorithm family of early Zeus/Kraken-style generators.
 * <li>{@link #confickerStyle}: Conficker.A/B-style names: 8 to 11 uniformly random letters from a date-seeded PRNG
 * (Porras, Saidi, Yegneswaran, "An analysis of Conficker's logic and rendezvous points", SRI 2009).
 * <li>{@link #bamitalStyle}: Bamital-style names: the hex MD5 of a date-and-counter seed, 32 hex characters.
 * </ul>
 */
final class DgaGenerators {

    private static final String[] TLDS = {".com", ".net", ".org", ".info", ".biz", ".ru"};

    private DgaGenerators() {
    }

    static List<String> wikipedia(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            for (int i = 0; i < perDay; i++) {
                int year = date.getYear();
                int month = date.getMonthValue();
                int day = date.getDayOfMonth() + i * 31;
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 16; k++) { // 32-bit unsigned arithmetic, as in the article's C code
                    year = ((year ^ 8 * year) >>> 11) ^ ((year & 0xFFFFFFF0) << 17);
                    month = ((month ^ 4 * month) >>> 25) ^ 16 * (month & 0xFFFFFFF8);
                    day = ((day ^ (day << 13)) >>> 19) ^ ((day & 0xFFFFFFFE) << 12);
                    sb.append((char) (Integer.remainderUnsigned(year ^ month ^ day, 25) + 'a'));
                }
                out.add(sb + TLDS[i % TLDS.length]);
            }
        }
        return out;
    }

    static List<String> confickerStyle(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Random r = new Random(from.plusDays(d).toEpochDay() * 7919L);
            for (int i = 0; i < perDay; i++) {
                int len = 8 + r.nextInt(4);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < len; k++) {
                    sb.append((char) ('a' + r.nextInt(26)));
                }
                out.add(sb + TLDS[r.nextInt(TLDS.length)]);
            }
        }
        return out;
    }

    static List<String> bamitalStyle(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (int d = 0; d < days; d++) {
                for (int i = 0; i < perDay; i++) {
                    byte[] h = md5.digest((from.plusDays(d) + "|" + i).getBytes(StandardCharsets.UTF_8));
                    out.add(HexFormat.of().formatHex(h) + ".info");
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
