package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;
import java.util.Map;

/**
 * The credentials of Lambda function report-exporter (administrator) are stolen and used from another AWS account:
 * the thief holds bastion-a, the member account's instance, and calls with the function's credentials from its
 * public address, which the member's own instance session uses all day (so Vigil knows the address is the member
 * account's). Lambda assumes the function's role, the function reads its bucket from a Lambda address, then three
 * discovery calls come from bastion-a's address: {@code ResourceCredentialExfiltration.InsideAWS} naming the member
 * account as the remote account. Discovery only, so no attack sequence follows.
 */
public final class LambdaCredentialInsideAws implements AttackScenario {
    /** The function. */
    public static final String FUNCTION = "report-exporter";
    /** Its execution role. */
    public static final String ROLE = "report-exporter-role";

    @Override
    public String id() {
        return "lambda-credential-inside-aws";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        String account = Company.ADMIN_ACCOUNT;
        Instance host = a.company().instance("bastion-a");
        String roleId = "AROA" + "LAMBDAREPORT" + (1000 + a.rnd().nextInt(9000));
        String keyId = "ASIA" + "LAMBDAREPORT" + (1000 + a.rnd().nextInt(9000));
        long t = a.at(0.975);
        LambdaSession lambda = new LambdaSession(account, FUNCTION, ROLE, roleId, keyId);
        lambda.assume(a.logs(), t);
        Map<String, Object> session = lambda.identity();
        a.logs().ct(t + 2, session, "s3.amazonaws.com", "ListObjectsV2", "3.91.5.78",
            "aws-sdk-python/1.34.0 exec-env/AWS_Lambda_python3.12", ordered("bucketName", "acme-reports"));
        String[][] stolen = {{"sts.amazonaws.com", "GetCallerIdentity"}, {"s3.amazonaws.com", "ListBuckets"},
            {"lambda.amazonaws.com", "ListFunctions20150331"}};
        int k = 0;
        for (String[] c : stolen) {
            a.logs().ct(t + 30 + k++ * 10L, session, c[0], c[1], host.publicIp(), "aws-cli/2.15.30 Python/3.11.8",
                ordered());
        }
        return a.expect("Lambda function " + FUNCTION + "'s credentials are used from " + host.publicIp()
                + ", bastion-a of account " + host.account(), account,
            List.of("UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS"), keyResource(ROLE, keyId),
            7.0, ordered("sourceIp", host.publicIp(), "remoteAccount", host.account(), "function", FUNCTION,
                "calls", stolen.length));
    }
}
