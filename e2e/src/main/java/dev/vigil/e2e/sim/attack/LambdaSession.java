package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.LogRecords;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Lambda function's role session as CloudTrail shows it: the {@code AssumeRole} event Lambda makes for the function
 * ({@code userIdentity.type} AWSService, {@code invokedBy} lambda.amazonaws.com, session named after the function),
 * and the {@code userIdentity} of the session's calls. Shared by the Lambda credential scenarios.
 *
 * @param account  the function's account
 * @param function the function's name (the role session's name)
 * @param role     its execution role's name
 * @param roleId   the role's ID ({@code AROA...})
 * @param keyId    the session's access key ID ({@code ASIA...})
 */
record LambdaSession(String account, String function, String role, String roleId, String keyId) {

    /** Writes the AssumeRole event at epoch second {@code t} into {@code logs}. */
    void assume(LogRecords logs, long t) {
        Map<String, Object> service = ordered("type", "AWSService", "invokedBy", "lambda.amazonaws.com");
        Map<String, Object> assume = logs.ctRecord(t, service, "sts.amazonaws.com", "AssumeRole",
            "lambda.amazonaws.com", "lambda.amazonaws.com",
            ordered("roleArn", "arn:aws:iam::" + account + ":role/" + role, "roleSessionName", function));
        assume.put("responseElements", ordered(
            "credentials", ordered("accessKeyId", keyId, "expiration", "Dec 31, 2099, 12:00:00 AM"),
            "assumedRoleUser", ordered("assumedRoleId", roleId + ":" + function,
                "arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + function)));
        assume.put("recipientAccountId", account);
        logs.add(account, LogRecords.Kind.CLOUDTRAIL, t * 1000, assume);
    }

    /** The {@code userIdentity} of the session's calls. */
    Map<String, Object> identity() {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("type", "AssumedRole");
        session.put("principalId", roleId + ":" + function);
        session.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + function);
        session.put("accountId", account);
        session.put("accessKeyId", keyId);
        session.put("sessionContext", ordered("sessionIssuer", ordered("type", "Role", "principalId", roleId,
            "arn", "arn:aws:iam::" + account + ":role/" + role, "accountId", account, "userName", role)));
        return session;
    }
}
