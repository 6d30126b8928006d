package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * web-1's instance-role credentials (administrator, role web-role) are used from an address outside AWS for four
 * reconnaissance calls with python-requests, while the baseline shows them used from the instance's own address.
 */
public final class InstanceCredentialExfiltration implements AttackScenario {
    /** Where stolen instance credentials are used from (outside AWS). */
    public static final String THIEF_IP = "146.70.199.12";

    @Override
    public String id() {
        return "instance-credential-exfiltration";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance web1 = a.company().instance("web-1");
        long t = a.at(0.76);
        String[][] stolen = {{"sts.amazonaws.com", "GetCallerIdentity"}, {"s3.amazonaws.com", "ListBuckets"},
            {"ec2.amazonaws.com", "DescribeInstances"}, {"iam.amazonaws.com", "ListAttachedRolePolicies"}};
        int k = 0;
        for (String[] c : stolen) {
            a.logs().ct(t + k++ * 40L, a.logs().instanceRole(web1), c[0], c[1], THIEF_IP, "python-requests/2.31.0",
                ordered());
        }
        return a.expect("web-1's instance-role credentials (web-role) are used from " + THIEF_IP + ", outside AWS",
            Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"),
            keyResource("web-role", web1.accessKeyId()), 7.0,
            ordered("sourceIp", THIEF_IP, "accessKeyId", web1.accessKeyId(), "calls", stolen.length));
    }
}
