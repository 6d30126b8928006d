package dev.vigil.detector.behavior;

import dev.vigil.detector.state.BinarySerde;
import dev.vigil.detector.state.BinaryWriter;
import dev.vigil.detector.state.BinaryReader;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The profile stores' value serde: {@link Profile} in a compact binary form, written for every profile a commit
 * changed (issue 26, tenth pass: once profiles reached their changelog at every commit, Jackson's bean and map
 * serialisers were 9.8 % of the stream threads' CPU in the drain benchmark). It also reads the JSON profiles written
 * before it ({@link BinarySerde}).
 *
 * <p>Layout after the version byte ({@link BinaryWriter}): startedMs, lastMs; the number of features, then each feature's name, the number of its values
 * and each value (in the order seen); the number of statistics, then each metric's name, n, mean and m2; the number of
 * counters, then each counter's name and value.
 */
public final class ProfileSerde extends BinarySerde<Profile> {

    /** The first byte of the binary form. */
    static final byte VERSION = 1;

    /** The serde. */
    public ProfileSerde() {
        super(VERSION, Profile.class, "profile");
    }

    @Override
    protected void write(BinaryWriter out, Profile p) {
        out.writeLong(p.startedMs);
        out.writeLong(p.lastMs);
        out.writeInt(p.seen.size());
        for (Map.Entry<String, LinkedHashSet<String>> f : p.seen.entrySet()) {
            out.writeString(f.getKey());
            out.writeInt(f.getValue().size());
            for (String v : f.getValue()) {
                out.writeString(v);
            }
        }
        out.writeInt(p.stats.size());
        for (Map.Entry<String, Welford> s : p.stats.entrySet()) {
            out.writeString(s.getKey());
            out.writeLong(s.getValue().n);
            out.writeDouble(s.getValue().mean);
            out.writeDouble(s.getValue().m2);
        }
        out.writeInt(p.counters.size());
        for (Map.Entry<String, Long> c : p.counters.entrySet()) {
            out.writeString(c.getKey());
            out.writeLong(c.getValue());
        }
    }

    @Override
    protected Profile read(BinaryReader in) throws IOException {
        Profile p = new Profile();
        p.startedMs = in.readLong();
        p.lastMs = in.readLong();
        for (int f = count(in); f > 0; f--) {
            String feature = name(in);
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (int v = count(in); v > 0; v--) {
                values.add(in.readString());
            }
            p.seen.put(feature, values);
        }
        for (int s = count(in); s > 0; s--) {
            String metric = name(in);
            Welford w = new Welford();
            w.n = in.readLong();
            w.mean = in.readDouble();
            w.m2 = in.readDouble();
            p.stats.put(metric, w);
        }
        for (int c = count(in); c > 0; c--) {
            String counter = name(in);
            p.counters.put(counter, in.readLong());
        }
        return p;
    }

    private static String name(BinaryReader in) throws IOException {
        String s = in.readString();
        if (s == null) {
            throw new IOException("a name is missing");
        }
        return s;
    }
}
