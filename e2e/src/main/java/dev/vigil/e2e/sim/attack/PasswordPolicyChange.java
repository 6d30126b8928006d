package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.Company;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bob (administrator) weakens the account password policy (minimum length 6, no complexity) and 90 seconds later
 * deletes it.
 */
public final class PasswordPolicyChange implements AttackScenario {
    @Override
    public String id() {
        return "password-policy";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User bob = a.company().user("bob");
        long t = a.at(0.64);
        Map<String, Object> weak = new LinkedHashMap<>();
        weak.put("minimumPasswordLength", 6);
        weak.put("requireSymbols", false);
        weak.put("requireNumbers", false);
        weak.put("requireUppercaseCharacters", false);
        weak.put("requireLowercaseCharacters", false);
        weak.put("allowUsersToChangePassword", true);
        weak.put("maxPasswordAge", 0);
        weak.put("passwordReusePrevention", 0);
        a.logs().ct(t, iamUser(bob), "iam.amazonaws.com", "UpdateAccountPasswordPolicy", Company.OFFICE_IP,
            Company.CLI_AGENT, weak);
        a.logs().ct(t + 90, iamUser(bob), "iam.amazonaws.com", "DeleteAccountPasswordPolicy", Company.OFFICE_IP,
            Company.CLI_AGENT, ordered());
        return a.expect("bob weakens (minimum length 6, no complexity) then deletes the account password policy",
            Company.ADMIN_ACCOUNT, List.of("Stealth:IAMUser/PasswordPolicyChange"),
            keyResource(bob.name(), bob.accessKeyId()), 1.0,
            ordered("eventNames", List.of("UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy")));
    }
}
