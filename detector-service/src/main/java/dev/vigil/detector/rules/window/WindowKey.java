package dev.vigil.detector.rules.window;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.detector.rules.Blocks;
import java.util.StringJoiner;

/**
 * What one windowed rule counts together, as typed parts (each rule fills the parts it groups by, the others are
 * {@code null}). Its {@link #text()} is the finding's aggregation key, from which the finding ID is derived.
 *
 * @param resource the instance (else interface) of a flow or DNS rule, the principal of a CloudTrail rule
 * @param peer     the remote address (flow rules) or the registered domain (DNS exfiltration)
 * @param protocol IANA protocol number, when the rule groups by protocol and port (port sweep)
 * @param port     the remote port (port sweep) or the local port (port probe)
 * @param service  SSH, RDP or WinRM (brute force), the variant of a denial of service ({@code Tcp}, {@code Dns}, ...)
 * @param outbound whether the resource initiated (brute force), else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowKey(String resource, String peer, Integer protocol, Integer port, String service,
        Boolean outbound) {

    /** A key of a resource alone. */
    public static WindowKey of(String resource) {
        return new WindowKey(resource, null, null, null, null, null);
    }

    /** A key of a resource and a peer. */
    public static WindowKey of(String resource, String peer) {
        return new WindowKey(resource, peer, null, null, null, null);
    }

    /**
     * The finding's aggregation key: the parts present, in field order, joined by {@code |}, the protocol and port
     * as {@code TCP/445} (for example {@code i-1|198.51.100.7}, {@code i-1|TCP/445}, {@code i-1|9200},
     * {@code i-1|203.0.113.9|SSH|INBOUND}). It is only ever built, never parsed.
     */
    @JsonIgnore
    public String text() {
        StringJoiner j = new StringJoiner("|");
        j.add(resource);
        if (peer != null) {
            j.add(peer);
        }
        if (port != null) {
            j.add(protocol != null ? Blocks.protocolName(protocol) + "/" + port : Integer.toString(port));
        }
        if (service != null) {
            j.add(service);
        }
        if (outbound != null) {
            j.add(outbound ? "OUTBOUND" : "INBOUND");
        }
        return j.toString();
    }
}
