package dev.vigil.detector.enrichment;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TESTS ONLY: a minimal writer of MaxMind DB files (format 2.0, https://maxmind.github.io/MaxMind-DB/), so that
 * enrichment tests read small real {@code .mmdb} files with MaxMind's own reader. MaxMind's test databases live in
 * the MaxMind-DB repository, and Maven Central has no Java writer, hence this. Limits: an IPv6 tree (IPv4 networks
 * in {@code ::/96}, where the reader looks them up) with 32-bit records, no pointers or deduplication in the data
 * section, networks inserted must not overlap. Values: {@code String}, {@code Double} (double), {@code Integer}
 * (uint16), {@code Long} (uint32), {@code BigInteger} (uint64), {@code Boolean}, {@code List} (array) and
 * {@code Map} with string keys.
 */
public final class MmdbTestWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i',
            'n', 'd', '.', 'c', 'o', 'm'};

    /** A tree node: each side is a child node index (>= 0), a data reference (-2 - index), or empty (-1). */
    private final List<int[]> nodes = new ArrayList<>();
    private final List<Object> data = new ArrayList<>();
    private final String databaseType;

    public MmdbTestWriter(String databaseType) {
        this.databaseType = databaseType;
        nodes.add(new int[] {-1, -1});
    }

    /** Maps {@code cidr} (IPv4 or IPv6) to {@code record}. */
    public MmdbTestWriter put(String cidr, Map<String, Object> record) {
        IPAddress net = new IPAddressString(cidr).getAddress();
        byte[] bytes = net.getLower().withoutPrefixLength().getBytes();
        int prefix = net.getNetworkPrefixLength() == null ? bytes.length * 8 : net.getNetworkPrefixLength();
        byte[] key = new byte[16];
        if (bytes.length == 4) {
            System.arraycopy(bytes, 0, key, 12, 4);
            prefix += 96;
        } else {
            key = bytes;
        }
        data.add(record);
        int ref = -2 - (data.size() - 1);
        int node = 0;
        for (int i = 0; i < prefix; i++) {
            int bit = (key[i / 8] >> (7 - i % 8)) & 1;
            if (i == prefix - 1) {
                nodes.get(node)[bit] = ref;
            } else {
                if (nodes.get(node)[bit] < 0) {
                    nodes.add(new int[] {-1, -1});
                    nodes.get(node)[bit] = nodes.size() - 1;
                }
                node = nodes.get(node)[bit];
            }
        }
        return this;
    }

    /** Writes the database to {@code file}. */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        long[] offsets = new long[data.size()];
        for (int i = 0; i < data.size(); i++) {
            offsets[i] = section.size();
            encode(section, data.get(i));
        }
        long count = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] n : nodes) {
            for (int side : n) {
                long value = side >= 0 ? side : side == -1 ? count : count + 16 + offsets[-2 - side];
                out.write(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                        (byte) value});
            }
        }
        out.write(new byte[16]);
        section.writeTo(out);
        out.write(METADATA_MARKER);
        encode(out, Map.of("node_count", count, "record_size", 32, "ip_version", 6, "database_type", databaseType,
                "languages", List.of("en"), "binary_format_major_version", 2, "binary_format_minor_version", 0,
                "build_epoch", BigInteger.valueOf(1_764_460_800L), "description", Map.of("en", "Vigil test data")));
        Files.write(file, out.toByteArray());
    }

    private static void encode(ByteArrayOutputStream out, Object v) throws IOException {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.write(b);
        } else if (v instanceof Double d) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)));
            }
        } else if (v instanceof Boolean b) {
            control(out, 14, b ? 1 : 0);
        } else if (v instanceof BigInteger big) {
            unsigned(out, 9, big.longValueExact());
        } else if (v instanceof Long l) {
            unsigned(out, 6, l);
        } else if (v instanceof Integer i) {
            unsigned(out, 5, i);
        } else if (v instanceof List<?> list) {
            control(out, 11, list.size());
            for (Object o : list) {
                encode(out, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            control(out, 7, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                encode(out, e.getKey().toString());
                encode(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("unsupported MMDB value: " + v);
        }
    }

    /** uint16 (type 5, from Integer), uint32 (6, from Long) or uint64 (9): big-endian without leading zero bytes. */
    private static void unsigned(ByteArrayOutputStream out, int type, long value) {
        int n = 0;
        for (long x = value; x != 0; x >>>= 8) {
            n++;
        }
        control(out, type, n);
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /** The control byte(s): type in the top 3 bits (extended types: 0, then type - 7), then the size. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int first = (type <= 7 ? type : 0) << 5;
        byte[] extra;
        if (size < 29) {
            first |= size;
            extra = new byte[0];
        } else if (size < 285) {
            first |= 29;
            extra = new byte[] {(byte) (size - 29)};
        } else {
            first |= 30;
            int s = size - 285;
            extra = new byte[] {(byte) (s >>> 8), (byte) s};
        }
        out.write(first);
        if (type > 7) {
            out.write(type - 7);
        }
        out.write(extra, 0, extra.length);
    }
}
