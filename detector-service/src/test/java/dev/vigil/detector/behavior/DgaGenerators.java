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
 * <li>{@link #alphanumericStyle}: 10 to 16 random letters and digits (Necurs/Ramnit-like arithmetic schemes).
 * <li>{@link #matsnuStyle} and {@link #suppoboxStyle}: dictionary-based schemes (Plohmann et al., "A
 * comprehensive measurement study of domain generating malware", USENIX Security 2016: Matsnu joins verbs and nouns
 * up to 24 characters, Suppobox joins two English words). The malware's own word lists are not shipped here, so
 * these use {@link #WORDS}, common English words written for the benchmark: the style, not the exact names.
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

    static List<String> alphanumericStyle(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int d = 0; d < days; d++) {
            Random r = new Random(from.plusDays(d).toEpochDay() * 104729L);
            for (int i = 0; i < perDay; i++) {
                int len = 10 + r.nextInt(7);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < len; k++) {
                    sb.append(chars.charAt(r.nextInt(chars.length())));
                }
                out.add(sb + TLDS[r.nextInt(TLDS.length)]);
            }
        }
        return out;
    }

    /** Common English verbs and nouns (written for the benchmark). */
    static final String[] WORDS = ("answer bring build carry change close cover create drive enjoy explain follow "
            + "gather handle happen imagine include invite listen manage mention notice offer order prepare "
            + "protect provide reach record reduce remain repeat replace report return share signal support "
            + "travel visit wonder account action amount animal apple basket bottle branch bridge button camera "
            + "candle castle cattle chance circle cloud coffee corner cotton country credit danger desert dinner "
            + "doctor dollar engine family farmer father feather finger flower forest garden glove guitar hammer "
            + "harbor health island jacket kettle kitchen ladder letter market meadow metal minute monkey mother "
            + "needle number ocean office orange paper parcel pencil pepper pocket powder rabbit river rocket "
            + "saddle season shadow silver sister spring square stone summer supper sword table teacher thunder "
            + "ticket tiger tongue valley wagon window winter wonder yellow").split(" ");

    static List<String> matsnuStyle(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Random r = new Random(from.plusDays(d).toEpochDay() * 15485863L);
            for (int i = 0; i < perDay; i++) {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < 24) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]);
                }
                out.add(sb.substring(0, 24) + ".com");
            }
        }
        return out;
    }

    static List<String> suppoboxStyle(LocalDate from, int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Random r = new Random(from.plusDays(d).toEpochDay() * 32452843L);
            for (int i = 0; i < perDay; i++) {
                out.add(WORDS[r.nextInt(WORDS.length)] + WORDS[r.nextInt(WORDS.length)] + ".net");
            }
        }
        return out;
    }
}
