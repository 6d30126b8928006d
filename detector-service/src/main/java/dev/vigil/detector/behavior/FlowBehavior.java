package dev.vigil.detector.behavior;

import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.events.FlowLogRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Behavioural rules of one network interface, evaluated against its learned {@link Profile}. Only accepted
 * OUTBOUND flows (the resource initiated) to public addresses are profiled: internal east-west traffic and inbound
 * scans say nothing about what the instance itself does.
 *
 * <ul>
 * <li><b>Behavior:EC2/NetworkPortUnusual</b> (Medium 5.0): a remote {@code protocol/port} the interface never used.
 * <li><b>Behavior:EC2/TrafficVolumeUnusual</b> (Medium 5.0): a flow's bytes above mean + z x sd of the interface's
 * learned outbound flows (Welford statistic, see {@link Welford}), with a minimum absolute volume.
 * <li><b>Backdoor:EC2/Spambot</b> (Medium 5.0): TCP/25 never used while learning, then used to many distinct hosts.
 * </ul>
 * Severities are GuardDuty's defaults (user guide, "EC2 finding types").
 */
public final class FlowBehavior {

    static final String PORT = "remotePort";
    static final String BYTES = "bytesPerOutboundFlow";
    static final String SMTP_HOSTS = "smtpRemoteHosts";
    static final String SMTP_STATE = "smtpState";

    private final BehaviorConfig config;

    /** Rules with {@code config}. */
    public FlowBehavior(BehaviorConfig config) {
        this.config = config;
    }

    /**
     * Evaluates {@code f} against {@code p} (learning as it goes) and returns the anomalies. {@code p} is updated in
     * place; the caller stores it.
     */
    public List<Anomaly.Result> evaluate(Profile p, FlowLogRecord f) {
        List<Anomaly.Result> out = new ArrayList<>();
        FlowView v = FlowView.of(f);
        if (v == null || !v.outbound() || !v.accepted() || !Net.isPublic(v.remote()) || v.remotePort() == null) {
            return out;
        }
        long t = f.eventTimeMillis();
        boolean learned = p.learnedAt(t, config.learningPeriod().toMillis());
        int max = config.maxValuesPerFeature();
        String port = Blocks.protocolName(f.protocol()) + "/" + v.remotePort();
        String profile = v.resourceId();

        if (learned && !p.hasSeen(PORT, port)) {
            Anomaly a = new Anomaly(profile).learnedTexts(PORT, p.values(PORT)).unseen(PORT, port);
            String d = "EC2 instance " + profile + " is communicating with remote host " + v.remoteIp()
                    + " on unusual server port " + port + ", a port it never used before.";
            out.add(new Anomaly.Result(hit(v, "Behavior:EC2/NetworkPortUnusual", "Unusual outbound communication on "
                    + "port " + port + " from EC2 instance " + profile + ".", d, profile + "|" + v.remoteIp()), a.detection()));
            // one finding per instance and remote host (a scan of 1,000 new ports is one finding counted 1,000
            // times, not 1,000 findings), as GuardDuty aggregates a finding type on the same resource
        }
        boolean newSmtp = learned && "TCP/25".equals(port) && !p.hasSeen(PORT, port);
        p.see(PORT, port, max);

        long bytes = f.bytes() == null ? 0L : f.bytes();
        Welford w = p.stat(BYTES);
        boolean unusualVolume = learned && w.n >= config.traffic().minSamples() && bytes >= config.traffic().minBytes()
                && w.zScore(bytes) > config.traffic().zScore();
        if (unusualVolume) {
            Anomaly a = new Anomaly(profile).learnedNumbers(BYTES, w.mean, w.stdDev(), w.n)
                    .rare(BYTES, bytes, w.zScore(bytes));
            String d = "EC2 instance " + profile + " sent " + bytes + " bytes to remote host " + v.remoteIp()
                    + ", far above its learned mean of " + Math.round(w.mean) + " bytes per flow.";
            out.add(new Anomaly.Result(hit(v, "Behavior:EC2/TrafficVolumeUnusual", "Unusually large amount of network "
                    + "traffic from EC2 instance " + profile + " to " + v.remoteIp() + ".", d,
                    profile + "|" + v.remoteIp()), a.detection()));
        } else {
            p.learn(BYTES, bytes); // anomalies are not learned, so one exfiltration does not widen the baseline
        }

        if (newSmtp) {
            p.putCounter(SMTP_STATE, 1L);
        }
        if (p.counter(SMTP_STATE, 0L) == 1L && "TCP/25".equals(port)) {
            p.see(SMTP_HOSTS, v.remoteIp(), max);
            if (p.values(SMTP_HOSTS).size() >= config.spambot().minHosts()) {
                p.putCounter(SMTP_STATE, 2L);
                Anomaly a = new Anomaly(profile).learnedTexts(PORT, p.values(PORT)).unseen(PORT, port);
                a.rare(SMTP_HOSTS, p.values(SMTP_HOSTS).size());
                String d = "EC2 instance " + profile + " started sending mail (TCP/25), a port it never used while "
                        + "learned, to " + p.values(SMTP_HOSTS).size() + " distinct remote hosts.";
                out.add(new Anomaly.Result(hit(v, "Backdoor:EC2/Spambot", "EC2 instance " + profile
                        + " is behaving in a manner that may indicate it is being used to send spam.", d, profile),
                        a.detection()));
            }
        }
        p.lastMs = Math.max(p.lastMs, t);
        return out;
    }

    private static Hit hit(FlowView v, String type, String title, String description, String key) {
        FlowLogRecord f = v.flow();
        long t = f.eventTimeMillis();
        long start = f.start() != null ? Math.min(f.start() * 1000L, t) : t;
        return new Hit(type, Severities.of(type), title, description, key, Evidence.of(f), v.resource(), v.action(), Blocks.ACTOR,
                List.of(), 1, start, t, null);
    }
}
