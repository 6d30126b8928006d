package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * alice (administrator) stops the organisation's CloudTrail trail from the office with the AWS CLI.
 */
public final class StopLogging implements AttackScenario {
    @Override
    public String id() {
        return "stop-logging";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User alice = a.company().user("alice");
        long t = a.at(0.60);
        a.logs().ct(t, iamUser(alice), "cloudtrail.amazonaws.com", "StopLogging", Company.OFFICE_IP,
            Company.CLI_AGENT, ordered("name", "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"));
        return a.expect("alice stops the org-trail CloudTrail trail", Company.ADMIN_ACCOUNT,
            List.of("Stealth:IAMUser/CloudTrailLoggingDisabled"), keyResource(alice.name(), alice.accessKeyId()), 1.0,
            ordered("eventName", "StopLogging"));
    }
}
