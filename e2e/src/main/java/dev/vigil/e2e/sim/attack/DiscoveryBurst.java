package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * dana's key (administrator) calls 25 different List/Describe/Get APIs of many services twice within four minutes
 * from a never-seen address with boto3: the enumeration that follows a key theft (e.g. Pacu, ScoutSuite).
 */
public final class DiscoveryBurst implements AttackScenario {
    @Override
    public String id() {
        return "discovery-burst";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User dana = a.company().user("dana");
        long t = a.at(0.82);
        String[][] disco = {
            {"iam", "ListUsers"}, {"iam", "ListRoles"}, {"iam", "ListPolicies"}, {"iam", "ListGroups"},
            {"iam", "GetAccountAuthorizationDetails"}, {"iam", "ListAccessKeys"}, {"iam", "GetAccountSummary"},
            {"ec2", "DescribeInstances"}, {"ec2", "DescribeSecurityGroups"}, {"ec2", "DescribeVpcs"},
            {"ec2", "DescribeSubnets"}, {"ec2", "DescribeKeyPairs"}, {"ec2", "DescribeSnapshots"},
            {"s3", "ListBuckets"}, {"s3", "GetBucketPolicy"}, {"s3", "GetBucketAcl"}, {"lambda", "ListFunctions20150331"},
            {"rds", "DescribeDBInstances"}, {"secretsmanager", "ListSecrets"}, {"ssm", "DescribeParameters"},
            {"kms", "ListKeys"}, {"cloudtrail", "DescribeTrails"}, {"guardduty", "ListDetectors"},
            {"organizations", "DescribeOrganization"}, {"sts", "GetCallerIdentity"}};
        String discoIp = "5.188.206." + (10 + a.rnd().nextInt(200));
        int k = 0;
        for (int round = 0; round < 2; round++) {
            for (String[] c : disco) {
                a.logs().ct(t + k++ * 4L, iamUser(dana), c[0] + ".amazonaws.com", c[1], discoIp,
                    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.2", ordered());
            }
        }
        return a.expect("dana's key calls " + disco.length + " different List/Describe/Get APIs twice within four "
                + "minutes from a never-seen address", Company.ADMIN_ACCOUNT,
            List.of("Discovery:IAMUser/AnomalousBehavior"), keyResource(dana.name(), dana.accessKeyId()), 1.0,
            ordered("distinctApis", disco.length, "sourceIp", discoIp));
    }
}
