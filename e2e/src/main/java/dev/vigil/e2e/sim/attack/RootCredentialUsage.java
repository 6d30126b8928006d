package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.LogRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member account's root user signs in to the console without MFA and a minute later creates an access key.
 */
public final class RootCredentialUsage implements AttackScenario {
    @Override
    public String id() {
        return "root";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        long t = a.at(0.72);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "Root");
        root.put("principalId", Company.MEMBER_ACCOUNT);
        root.put("arn", "arn:aws:iam::" + Company.MEMBER_ACCOUNT + ":root");
        root.put("accountId", Company.MEMBER_ACCOUNT);
        root.put("accessKeyId", "");
        Map<String, Object> login = a.logs().ctRecord(t, root, "signin.amazonaws.com", "ConsoleLogin",
            Company.OFFICE_IP, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
            null);
        login.put("eventType", "AwsConsoleSignIn");
        login.put("responseElements", ordered("ConsoleLogin", "Success"));
        login.put("additionalEventData", ordered("LoginTo", "https://console.aws.amazon.com/console/home",
            "MobileVersion", "No", "MFAUsed", "No"));
        a.logs().add(Company.MEMBER_ACCOUNT, LogRecords.Kind.CLOUDTRAIL, t, login);
        Map<String, Object> rootKey = new LinkedHashMap<>(root);
        rootKey.put("accessKeyId", "ASIA" + Company.upper(a.rnd(), 16));
        a.logs().ct(t + 60, rootKey, "iam.amazonaws.com", "CreateAccessKey", Company.OFFICE_IP, Company.CONSOLE_AGENT,
            ordered());
        return a.expect("the member account's root user signs in and creates an access key",
            Company.MEMBER_ACCOUNT, List.of("Policy:IAMUser/RootCredentialUsage"),
            ordered("resourceType", "AccessKey", "userName", "Root"), 1.0, ordered("identityType", "Root"));
    }
}
