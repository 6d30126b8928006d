package dev.vigil.detector.rules;

import dev.vigil.events.FlowLogRecord;
import inet.ipaddr.IPAddress;

/**
 * A flow record seen from the monitored resource: which side is local, which is remote, and whether the local side
 * initiated. Direction comes from {@code flow-direction} when the log has it or when the detector learned the
 * interface's own address ({@link dev.vigil.detector.interfaces.OwnAddress} sets it); otherwise, for an interface's
 * first records, the private side is the resource (its interface has a private address), and between two private or
 * two public addresses the side connecting to the lower port is taken as the initiator (and local).
 *
 * @param outbound whether the resource initiated the connection
 */
public record FlowView(FlowLogRecord flow, boolean outbound, IPAddress local, IPAddress remote, Integer localPort,
        Integer remotePort) {

    /** IANA protocol number of TCP. */
    public static final int TCP = 6;
    /** IANA protocol number of UDP. */
    public static final int UDP = 17;
    /** A flow with at most this many packets exchanged no data: a probe (SYN, SYN-ACK, RST). */
    public static final long PROBE_PACKETS = 3;

    /**
     * The last record viewed on this thread and its view: seven stages of the topology view each flow record (threat
     * lists, windows, behaviour, network rules), and parsing its two addresses was 2-3 % of the detector's CPU (issue
     * 26), so the view of the same record object is computed once. Records and views are immutable.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /**
     * The view of {@code f}, or {@code null} when it has no traffic or no usable addresses; the same record object
     * viewed again on the same thread gets the same answer without parsing again.
     */
    public static FlowView of(FlowLogRecord f) {
        Object[] last = LAST.get();
        if (f != null && last[0] == f) {
            return (FlowView) last[1];
        }
        FlowView v = compute(f);
        last[0] = f;
        last[1] = v;
        return v;
    }

    private static FlowView compute(FlowLogRecord f) {
        if (f == null || !f.hasTraffic()) {
            return null;
        }
        IPAddress src = Net.parse(f.srcaddr());
        IPAddress dst = Net.parse(f.dstaddr());
        if (src == null || dst == null) {
            return null;
        }
        Boolean srcIsLocal = null;
        if ("egress".equalsIgnoreCase(f.flowDirection())) {
            srcIsLocal = true;
        } else if ("ingress".equalsIgnoreCase(f.flowDirection())) {
            srcIsLocal = false;
        } else if (!Net.isPublic(src) && Net.isPublic(dst)) {
            srcIsLocal = true;
        } else if (Net.isPublic(src) && !Net.isPublic(dst)) {
            srcIsLocal = false;
        }
        boolean srcInitiated = f.dstport() == null || f.srcport() == null || f.dstport() <= f.srcport();
        if (srcIsLocal == null) {
            srcIsLocal = srcInitiated;
        }
        return srcIsLocal
                ? new FlowView(f, srcInitiated, src, dst, f.srcport(), f.dstport())
                : new FlowView(f, !srcInitiated, dst, src, f.dstport(), f.srcport());
    }

    /** The IANA protocol number, -1 when the record has none. */
    public int protocol() {
        return flow.protocol() == null ? -1 : flow.protocol();
    }

    /** Packets of the flow (0 when absent). */
    public long packets() {
        return flow.packets() == null ? 0 : flow.packets();
    }

    /** Bytes of the flow (0 when absent). */
    public long bytes() {
        return flow.bytes() == null ? 0 : flow.bytes();
    }

    /** Whether the flow is a TCP or UDP probe: at most {@link #PROBE_PACKETS} packets, no data exchanged. */
    public boolean probe() {
        int p = protocol();
        return packets() <= PROBE_PACKETS && (p == TCP || p == UDP);
    }

    /** Whether the resource probed a remote port: an outbound {@link #probe()} with a remote port. */
    public boolean outboundProbe() {
        return outbound && remotePort != null && probe();
    }

    /** The port of the service: the remote port when the resource initiated, else the local one. */
    public Integer servicePort() {
        return outbound ? remotePort : localPort;
    }

    /** Whether the traffic was accepted. */
    public boolean accepted() {
        return flow.action() == null || "ACCEPT".equals(flow.action());
    }

    /** The resource name used in aggregation keys: the instance ID, else the interface ID. */
    public String resourceId() {
        return flow.instanceId() != null ? flow.instanceId()
                : flow.interfaceId() != null ? flow.interfaceId() : flow.resourceId();
    }

    /** Canonical text of the remote address. */
    public String remoteIp() {
        return remote.withoutPrefixLength().toCanonicalString();
    }

    /** Canonical text of the local address. */
    public String localIp() {
        return local.withoutPrefixLength().toCanonicalString();
    }

    /** The GuardDuty {@code Instance} resource of this flow. */
    public com.fasterxml.jackson.databind.node.ObjectNode resource() {
        return Blocks.instance(flow.instanceId(), flow.interfaceId(), localIp(), flow.vpcId(), flow.subnetId());
    }

    /** The {@code NETWORK_CONNECTION} action of this flow. */
    public com.fasterxml.jackson.databind.node.ObjectNode action() {
        return Blocks.networkConnection(outbound, localIp(), localPort, remoteIp(), remotePort, flow.protocol(),
                "REJECT".equals(flow.action()));
    }
}
