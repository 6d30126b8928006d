package dev.vigil.detector.interfaces;

import dev.vigil.events.FlowLogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which address of a flow record is the network interface's own: a flow log record belongs to one interface, and
 * that interface's address is in every one of its records (as source or destination), so it is learned per
 * interface, in any order of the records.
 *
 * <p>Evidence, strongest first: {@code flow-direction} (egress: the source is the interface's; ingress: the
 * destination); {@code pkt-srcaddr}/{@code pkt-dstaddr} differing from {@code srcaddr}/{@code dstaddr} (the interface
 * forwarded the packet, so {@code srcaddr}/{@code dstaddr} is its own, as for a NAT gateway); otherwise the address
 * common to all records seen: the candidates start as the first record's two addresses and are intersected with each
 * record's; one left is the interface's. Until then (every record so far between the same two addresses) the
 * caller falls back to {@link dev.vigil.detector.rules.FlowView}'s heuristics. A record without a learned address
 * (a second address of the interface: IPv6 beside IPv4, a secondary private address) starts learning another one;
 * at most {@value #MAX_OWN} are kept, the oldest forgotten first.
 *
 * @param own   the learned addresses, oldest first
 * @param first a candidate while learning
 * @param other the other candidate while learning
 */
public record OwnAddress(List<String> own, String first, String other) {

    /** Addresses kept per interface. */
    public static final int MAX_OWN = 4;
    /** Nothing learned. */
    public static final OwnAddress NONE = new OwnAddress(List.of(), null, null);

    /** A state; {@code own} {@code null} is none. */
    public OwnAddress {
        own = own == null ? List.of() : List.copyOf(own);
    }

    /** The state after {@code f} (this state when {@code f} has no addresses). */
    public OwnAddress learn(FlowLogRecord f) {
        String src = f.srcaddr();
        String dst = f.dstaddr();
        if (src == null || dst == null) {
            return this;
        }
        String direct = direct(f);
        if (direct != null) {
            return own.contains(direct) ? this : with(direct);
        }
        if (own.contains(src) || own.contains(dst)) {
            return this;
        }
        if (first == null) {
            return new OwnAddress(own, src, dst);
        }
        boolean firstSeen = first.equals(src) || first.equals(dst);
        boolean otherSeen = other.equals(src) || other.equals(dst);
        if (firstSeen && otherSeen) {
            return this;
        }
        if (firstSeen || otherSeen) {
            return with(firstSeen ? first : other);
        }
        return new OwnAddress(own, src, dst);
    }

    private OwnAddress with(String address) {
        List<String> next = new ArrayList<>(own);
        next.add(address);
        return new OwnAddress(List.copyOf(next.subList(Math.max(0, next.size() - MAX_OWN), next.size())), null,
                null);
    }

    /** {@code egress} or {@code ingress} for the interface of the learned addresses, {@code null} if unknown. */
    public String direction(FlowLogRecord f) {
        if (f.flowDirection() != null || f.srcaddr() == null || f.dstaddr() == null) {
            return f.flowDirection();
        }
        boolean src = own.contains(f.srcaddr());
        boolean dst = own.contains(f.dstaddr());
        return src == dst ? null : src ? "egress" : "ingress";
    }

    private static String direct(FlowLogRecord f) {
        if ("egress".equalsIgnoreCase(f.flowDirection())) {
            return f.srcaddr();
        }
        if ("ingress".equalsIgnoreCase(f.flowDirection())) {
            return f.dstaddr();
        }
        if (f.pktSrcaddr() != null && !Objects.equals(f.pktSrcaddr(), f.srcaddr())) {
            return f.srcaddr();
        }
        if (f.pktDstaddr() != null && !Objects.equals(f.pktDstaddr(), f.dstaddr())) {
            return f.dstaddr();
        }
        return null;
    }

    /**
     * {@code f} with its {@code flow-direction} set from the learned address (when the log had none and the address
     * is known), so that every rule sees the interface's side of the flow ({@link dev.vigil.detector.rules.FlowView}).
     */
    public FlowLogRecord directed(FlowLogRecord f) {
        String dir = direction(f);
        if (dir == null || dir.equals(f.flowDirection())) {
            return f;
        }
        return new FlowLogRecord(f.schemaVersion(), f.eventId(), f.accountId(), f.region(), f.version(),
                f.awsAccountId(), f.interfaceId(), f.srcaddr(), f.dstaddr(), f.srcport(), f.dstport(), f.protocol(),
                f.packets(), f.bytes(), f.start(), f.end(), f.action(), f.logStatus(), f.vpcId(), f.subnetId(),
                f.instanceId(), f.tcpFlags(), f.type(), f.pktSrcaddr(), f.pktDstaddr(), f.azId(), f.sublocationType(),
                f.sublocationId(), f.pktSrcAwsService(), f.pktDstAwsService(), dir, f.trafficPath(), f.rejectReason(),
                f.resourceId(), f.encryptionStatus(), f.fields());
    }
}
