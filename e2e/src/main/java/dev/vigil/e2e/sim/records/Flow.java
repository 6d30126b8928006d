package dev.vigil.e2e.sim.records;

import dev.vigil.e2e.sim.records.Company.Instance;

/**
 * One flow log record: one direction of one connection, as seen on one ENI (AWS's flow log fields).
 *
 * @param eni      the instance whose ENI logged it
 * @param src      source address
 * @param dst      destination address
 * @param srcPort  source port
 * @param dstPort  destination port
 * @param protocol IANA protocol number (6 TCP, 17 UDP)
 * @param packets  packets in the aggregation interval
 * @param bytes    bytes in the aggregation interval
 * @param startSec start of the interval, epoch seconds
 * @param endSec   end of the interval, epoch seconds (the record's event time)
 * @param action   {@code ACCEPT} or {@code REJECT}
 * @param ingress  whether the traffic enters the ENI (v5 {@code flow-direction})
 * @param tcpFlags the OR of the interval's TCP flags (v5 {@code tcp-flags})
 */
public record Flow(Instance eni, String src, String dst, int srcPort, int dstPort, int protocol, long packets,
                   long bytes, long startSec, long endSec, String action, boolean ingress, int tcpFlags) {
}
