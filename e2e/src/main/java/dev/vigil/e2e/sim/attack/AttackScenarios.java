package dev.vigil.e2e.sim.attack;

import java.util.List;

/** The registry of simulated attacks: every scenario the simulator writes, in the order it writes them. */
public final class AttackScenarios {

    /**
     * Every scenario, in order. Each draws from the run's one random source in turn, so this order is part of what a
     * seed means: append a new scenario at the end and the files of the others stay byte-identical.
     */
    public static final List<AttackScenario> ALL = List.of(
        new PortScan(),
        new SshBruteForceIn(),
        new SshBruteForceOut(),
        new PortProbe(),
        new C2Dns(),
        new MiningDns(),
        new DnsExfiltration(),
        new Dga(),
        new TorClient(),
        new ThreatListIp(),
        new StopLogging(),
        new PasswordPolicyChange(),
        new KaliLinux(),
        new RootCredentialUsage(),
        new InstanceCredentialExfiltration(),
        new DiscoveryBurst(),
        new S3TorDownload(),
        new EmrPortProbe(),
        new DohResolver(),
        new DotResolver(),
        new OutsideDnsResolver(),
        new S3MaliciousIpRead(),
        new S3KaliLinux(),
        new LambdaCredentialExfiltration(),
        new CompromisedCredentialsChain(),
        new CompromisedInstanceGroup(),
        new LambdaCredentialInsideAws(),
        new S3UnusualList(),
        new S3UnusualWrite(),
        new S3BulkDownload(),
        new S3UnusualRead(),
        new S3UnusualDelete(),
        new S3UnusualPermission());

    private AttackScenarios() {
    }
}
