package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.User;
import java.util.List;

/**
 * bob's long-lived access key is stolen and used from a Tor exit with the AWS CLI, in the order public write-ups of
 * cloud intrusions describe (e.g. the stolen-key ransomware chains of Invictus IR and Permiso, GuardDuty's
 * "AttackSequence:S3/CompromisedData" example): who am I and what is there ({@code GetCallerIdentity},
 * {@code ListBuckets}, {@code ListUsers}), a second key for another user, CloudTrail stopped, then a burst of object
 * reads and a bulk delete. Each step alone is at most a Medium finding; together they are one attack sequence.
 */
public final class CompromisedCredentialsChain implements AttackScenario {

    /** A Tor exit relay (Tor Project's exit list, also in the detector's shipped snapshot). */
    static final String TOR_EXIT = "101.99.92.179";
    private static final String S3 = "s3.amazonaws.com";

    @Override
    public String id() {
        return "compromised-credentials";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User bob = a.company().user("bob");
        long t = a.at(0.86);
        String agent = Company.CLI_AGENT;
        a.logs().ct(t, iamUser(bob), "sts.amazonaws.com", "GetCallerIdentity", TOR_EXIT, agent, ordered());
        a.logs().ct(t + 20, iamUser(bob), S3, "ListBuckets", TOR_EXIT, agent, ordered());
        a.logs().ct(t + 45, iamUser(bob), "iam.amazonaws.com", "ListUsers", TOR_EXIT, agent, ordered());
        a.logs().ct(t + 120, iamUser(bob), "iam.amazonaws.com", "CreateAccessKey", TOR_EXIT, agent,
            ordered("userName", "alice"));
        a.logs().ct(t + 240, iamUser(bob), "cloudtrail.amazonaws.com", "StopLogging", TOR_EXIT, agent,
            ordered("name", "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"));
        int reads = 40 + a.rnd().nextInt(40);
        for (int i = 0; i < reads; i++) {
            a.logs().ct(t + 300 + i, iamUser(bob), S3, "GetObject", TOR_EXIT, agent,
                ordered("bucketName", "corp-finance", "key", "exports/2026/ledger-" + i + ".csv"));
        }
        a.logs().ct(t + 420 + reads, iamUser(bob), S3, "DeleteObjects", TOR_EXIT, agent,
            ordered("bucketName", "corp-finance"));
        return a.expect("bob's stolen key: Tor, discovery, a key for alice, CloudTrail stopped, bulk reads and deletes",
            Company.ADMIN_ACCOUNT, List.of("AttackSequence:S3/CompromisedData", "AttackSequence:IAM/CompromisedCredentials"),
            keyResource(bob.name(), bob.accessKeyId()), 9.0, ordered("tor", TOR_EXIT, "objectReads", reads));
    }
}
