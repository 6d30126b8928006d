package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import inet.ipaddr.IPAddress;
import java.util.Map;

/**
 * GuardDuty JSON blocks ({@code Resource}, {@code Action} and their parts) with the API model's member names
 * ({@code guardduty-2017-11-28.service-2.json}: {@code InstanceDetails}, {@code AccessKeyDetails},
 * {@code NetworkConnectionAction}, {@code PortProbeAction}, {@code DnsRequestAction}, {@code AwsApiCallAction}).
 */
public final class Blocks {

    /** Role of the resource: it did the activity. */
    public static final String ACTOR = "ACTOR";
    /** Role of the resource: the activity was aimed at it. */
    public static final String TARGET = "TARGET";

    private static final Map<Integer, String> PORT_NAMES = Map.ofEntries(Map.entry(20, "FTP"), Map.entry(21, "FTP"),
            Map.entry(22, "SSH"), Map.entry(23, "Telnet"), Map.entry(25, "SMTP"), Map.entry(53, "DNS"),
            Map.entry(80, "HTTP"), Map.entry(110, "POP3"), Map.entry(123, "NTP"), Map.entry(143, "IMAP"),
            Map.entry(443, "HTTPS"), Map.entry(445, "SMB"), Map.entry(1433, "MSSQL"), Map.entry(3306, "MYSQL"),
            Map.entry(3389, "RDP"), Map.entry(5432, "POSTGRESQL"), Map.entry(5985, "WinRM"),
            Map.entry(5986, "WinRM"), Map.entry(6379, "REDIS"), Map.entry(8080, "HTTP"), Map.entry(9001, "Tor"),
            Map.entry(9030, "Tor"), Map.entry(9200, "Elasticsearch"), Map.entry(9300, "Elasticsearch"),
            Map.entry(27017, "MongoDB"));
    private static final Map<Integer, String> PROTOCOLS = Map.of(1, "ICMP", 6, "TCP", 17, "UDP", 58, "ICMPV6",
            47, "GRE", 50, "ESP", 51, "AH", 132, "SCTP");

    private Blocks() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** GuardDuty's name of an IANA protocol number ({@code TCP}, {@code UDP}, ...) or the number as text. */
    public static String protocolName(Integer protocol) {
        return protocol == null ? "Unknown" : PROTOCOLS.getOrDefault(protocol, Integer.toString(protocol));
    }

    /** {@code {"port": n, "portName": "SSH"}}. */
    public static ObjectNode portDetails(Integer port) {
        ObjectNode p = object();
        if (port != null) {
            p.put("port", port);
        }
        p.put("portName", port == null ? "Unknown" : PORT_NAMES.getOrDefault(port, "Unknown"));
        return p;
    }

    /** {@code {"ipAddressV4": ...}} or {@code {"ipAddressV6": ...}}; the canonical text of the address. */
    public static ObjectNode ipDetails(String address) {
        ObjectNode d = object();
        IPAddress a = Net.parse(address);
        if (a == null) {
            return d;
        }
        d.put(a.isIPv4() ? "ipAddressV4" : "ipAddressV6", a.withoutPrefixLength().toCanonicalString());
        return d;
    }

    /**
     * An {@code Instance} resource.
     *
     * @param instanceId  may be {@code null} when the log does not name it (flow logs name the interface)
     * @param interfaceId the network interface, may be {@code null}
     * @param localIp     the instance's address seen in the log, may be {@code null}
     */
    public static ObjectNode instance(String instanceId, String interfaceId, String localIp, String vpcId,
            String subnetId) {
        ObjectNode r = object();
        r.put("resourceType", "Instance");
        ObjectNode details = r.putObject("instanceDetails");
        if (instanceId != null) {
            details.put("instanceId", instanceId);
        }
        ObjectNode nic = details.putArray("networkInterfaces").addObject();
        if (interfaceId != null) {
            nic.put("networkInterfaceId", interfaceId);
        }
        IPAddress ip = Net.parse(localIp);
        if (ip != null && ip.isIPv4()) {
            nic.put("privateIpAddress", ip.toCanonicalString());
        } else if (ip != null) {
            nic.putArray("ipv6Addresses").add(ip.toCanonicalString());
        }
        if (vpcId != null) {
            nic.put("vpcId", vpcId);
        }
        if (subnetId != null) {
            nic.put("subnetId", subnetId);
        }
        return r;
    }

    /** An {@code AccessKey} resource for the principal of a CloudTrail record. */
    public static ObjectNode accessKey(CloudTrailRecord ct) {
        ObjectNode r = object();
        r.put("resourceType", "AccessKey");
        ObjectNode d = r.putObject("accessKeyDetails");
        CloudTrailRecord.UserIdentity id = ct.userIdentity();
        if (id != null) {
            if (id.accessKeyId() != null && !id.accessKeyId().isBlank()) {
                d.put("accessKeyId", id.accessKeyId());
            }
            d.put("principalId", ct.principalId());
            String userName = userName(ct);
            if (userName != null) {
                d.put("userName", userName);
            }
            if (id.type() != null) {
                d.put("userType", id.type());
            }
        }
        return r;
    }

    /**
     * The user name GuardDuty shows: {@code userName}, else the role's name from the session issuer, else
     * {@code Root} for the root user, else the last part of the ARN.
     */
    public static String userName(CloudTrailRecord ct) {
        CloudTrailRecord.UserIdentity id = ct.userIdentity();
        if (id == null) {
            return null;
        }
        if (id.userName() != null && !id.userName().isBlank()) {
            return id.userName();
        }
        JsonNode issuer = id.sessionContext() == null ? null : id.sessionContext().path("sessionIssuer");
        if (issuer != null && issuer.hasNonNull("userName")) {
            return issuer.get("userName").asText();
        }
        if ("Root".equals(id.type())) {
            return "Root";
        }
        if (id.arn() != null) {
            int slash = id.arn().lastIndexOf('/');
            return slash >= 0 ? id.arn().substring(slash + 1) : id.arn();
        }
        return null;
    }

    /** A {@code NETWORK_CONNECTION} action. */
    public static ObjectNode networkConnection(boolean outbound, String localIp, Integer localPort, String remoteIp,
            Integer remotePort, Integer protocol, boolean blocked) {
        ObjectNode a = object();
        a.put("actionType", "NETWORK_CONNECTION");
        ObjectNode n = a.putObject("networkConnectionAction");
        n.put("connectionDirection", outbound ? "OUTBOUND" : "INBOUND");
        n.set("localIpDetails", ipDetails(localIp));
        n.set("localPortDetails", portDetails(localPort));
        n.set("remoteIpDetails", ipDetails(remoteIp));
        n.set("remotePortDetails", portDetails(remotePort));
        n.put("protocol", protocolName(protocol));
        n.put("blocked", blocked);
        return a;
    }

    /** A {@code DNS_REQUEST} action. */
    public static ObjectNode dnsRequest(String domain, String transport, boolean blocked) {
        ObjectNode a = object();
        a.put("actionType", "DNS_REQUEST");
        ObjectNode d = a.putObject("dnsRequestAction");
        d.put("domain", domain);
        d.put("protocol", transport == null ? "UDP" : transport.toUpperCase(java.util.Locale.ROOT));
        d.put("blocked", blocked);
        return a;
    }

    /**
     * An {@code AWS_API_CALL} action for a CloudTrail record: {@code api}, {@code serviceName}, {@code callerType}
     * ({@code Remote IP} or {@code AWS Service}), {@code errorCode}, {@code remoteIpDetails} or {@code domainDetails},
     * {@code userAgent} and {@code affectedResources}.
     */
    public static ObjectNode apiCall(CloudTrailRecord ct, Map<String, String> affectedResources) {
        ObjectNode a = object();
        a.put("actionType", "AWS_API_CALL");
        ObjectNode c = a.putObject("awsApiCallAction");
        c.put("api", ct.eventName());
        c.put("serviceName", ct.eventSource());
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip != null) {
            c.put("callerType", "Remote IP");
            c.set("remoteIpDetails", ipDetails(ct.sourceIPAddress()));
        } else {
            c.put("callerType", "AWS Service");
            if (ct.sourceIPAddress() != null) {
                c.putObject("domainDetails").put("domain", ct.sourceIPAddress());
            }
        }
        if (ct.errorCode() != null) {
            c.put("errorCode", ct.errorCode());
        }
        if (ct.userAgent() != null) {
            c.put("userAgent", ct.userAgent());
        }
        ObjectNode affected = c.putObject("affectedResources");
        affectedResources.forEach(affected::put);
        return a;
    }
}
