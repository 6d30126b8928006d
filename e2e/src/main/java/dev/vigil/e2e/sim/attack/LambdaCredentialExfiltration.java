package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;
import java.util.Map;

/**
 * The credentials of Lambda function invoice-renderer (administrator) leak through a server-side request forgery
 * of its environment: Lambda assumes the function's role (AssumeRole invoked by lambda.amazonaws.com), the function
 * reads its table from inside AWS, then the thief scans the table and lists buckets from a VPN address outside AWS.
 */
public final class LambdaCredentialExfiltration implements AttackScenario {
    /** The thief's address (a commercial VPN exit, outside AWS). */
    public static final String THIEF_IP = "146.70.199.44";
    /** The function. */
    public static final String FUNCTION = "invoice-renderer";
    /** Its execution role. */
    public static final String ROLE = "invoice-renderer-role";

    @Override
    public String id() {
        return "lambda-credential-exfiltration";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        String account = Company.ADMIN_ACCOUNT;
        String roleId = "AROA" + "LAMBDAINVOICE" + (1000 + a.rnd().nextInt(9000));
        String keyId = "ASIA" + "LAMBDAINVOICE" + (1000 + a.rnd().nextInt(9000));
        long t = a.at(0.98);
        LambdaSession lambda = new LambdaSession(account, FUNCTION, ROLE, roleId, keyId);
        lambda.assume(a.logs(), t);
        Map<String, Object> session = lambda.identity();
        a.logs().ct(t + 2, session, "dynamodb.amazonaws.com", "Query", "3.91.5.77",
            "aws-sdk-nodejs/3.600.0 linux/v20.12.2 exec-env/AWS_Lambda_nodejs20.x", ordered("tableName", "invoices"));
        String[][] stolen = {{"dynamodb.amazonaws.com", "Scan"}, {"s3.amazonaws.com", "ListBuckets"},
            {"sts.amazonaws.com", "GetCallerIdentity"}};
        int k = 0;
        for (String[] c : stolen) {
            a.logs().ct(t + 60 + k++ * 20L, session, c[0], c[1], THIEF_IP, "aws-cli/2.15.30 Python/3.11.8",
                ordered());
        }
        return a.expect("Lambda function " + FUNCTION + "'s credentials are used from " + THIEF_IP + ", outside AWS",
            account, List.of("UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.OutsideAWS"),
            keyResource(ROLE, keyId), 7.0, ordered("sourceIp", THIEF_IP, "function", FUNCTION, "calls", stolen.length));
    }
}
