package dev.vigil.detector.sequence;

import java.util.Map;

/**
 * MITRE ATT&amp;CK Enterprise techniques (<a href="https://attack.mitre.org/matrices/enterprise/cloud/iaas/">IaaS
 * matrix</a>) of the API calls and finding types the correlation stage uses. Each entry is the technique ATT&amp;CK
 * itself cites the API or behaviour for (its "Procedure Examples" and "Detection" text); an API or type that is not
 * listed has no technique in the sequence, only its tactic.
 */
public final class Techniques {

    private static final Map<String, String> BY_API = Map.ofEntries(
            Map.entry("GetCallerIdentity", "T1033 System Owner/User Discovery"),
            Map.entry("ListBuckets", "T1619 Cloud Storage Object Discovery"),
            Map.entry("ListObjects", "T1619 Cloud Storage Object Discovery"),
            Map.entry("ListObjectsV2", "T1619 Cloud Storage Object Discovery"),
            Map.entry("ListUsers", "T1087.004 Account Discovery: Cloud Account"),
            Map.entry("ListRoles", "T1087.004 Account Discovery: Cloud Account"),
            Map.entry("ListAccessKeys", "T1087.004 Account Discovery: Cloud Account"),
            Map.entry("GetAccountAuthorizationDetails", "T1087.004 Account Discovery: Cloud Account"),
            Map.entry("DescribeInstances", "T1580 Cloud Infrastructure Discovery"),
            Map.entry("ListSecrets", "T1526 Cloud Service Discovery"),
            Map.entry("CreateAccessKey", "T1098.001 Account Manipulation: Additional Cloud Credentials"),
            Map.entry("CreateLoginProfile", "T1098.001 Account Manipulation: Additional Cloud Credentials"),
            Map.entry("UpdateLoginProfile", "T1098.001 Account Manipulation: Additional Cloud Credentials"),
            Map.entry("CreateUser", "T1136.003 Create Account: Cloud Account"),
            Map.entry("AttachUserPolicy", "T1098.003 Account Manipulation: Additional Cloud Roles"),
            Map.entry("AttachRolePolicy", "T1098.003 Account Manipulation: Additional Cloud Roles"),
            Map.entry("PutUserPolicy", "T1098.003 Account Manipulation: Additional Cloud Roles"),
            Map.entry("PutRolePolicy", "T1098.003 Account Manipulation: Additional Cloud Roles"),
            Map.entry("AddUserToGroup", "T1098.003 Account Manipulation: Additional Cloud Roles"),
            Map.entry("StopLogging", "T1562.008 Impair Defenses: Disable or Modify Cloud Logs"),
            Map.entry("DeleteTrail", "T1562.008 Impair Defenses: Disable or Modify Cloud Logs"),
            Map.entry("UpdateTrail", "T1562.008 Impair Defenses: Disable or Modify Cloud Logs"),
            Map.entry("PutEventSelectors", "T1562.008 Impair Defenses: Disable or Modify Cloud Logs"),
            Map.entry("DeleteFlowLogs", "T1562.008 Impair Defenses: Disable or Modify Cloud Logs"),
            Map.entry("DeleteDetector", "T1562.001 Impair Defenses: Disable or Modify Tools"),
            Map.entry("GetSecretValue", "T1555.006 Credentials from Password Stores: Cloud Secrets Management Stores"),
            Map.entry("BatchGetSecretValue", "T1555.006 Credentials from Password Stores: Cloud Secrets Management Stores"),
            Map.entry("GetPasswordData", "T1552 Unsecured Credentials"),
            Map.entry("GetObject", "T1530 Data from Cloud Storage"),
            Map.entry("DeleteObject", "T1485 Data Destruction"),
            Map.entry("DeleteObjects", "T1485 Data Destruction"),
            Map.entry("DeleteBucket", "T1485 Data Destruction"),
            Map.entry("PutBucketPolicy", "T1537 Transfer Data to Cloud Account"),
            Map.entry("PutBucketAcl", "T1537 Transfer Data to Cloud Account"),
            Map.entry("DeletePublicAccessBlock", "T1537 Transfer Data to Cloud Account"),
            Map.entry("PutBucketReplication", "T1537 Transfer Data to Cloud Account"),
            Map.entry("CreateSnapshot", "T1537 Transfer Data to Cloud Account"),
            Map.entry("ModifySnapshotAttribute", "T1537 Transfer Data to Cloud Account"));

    private Techniques() {
    }

    /** The technique of API {@code eventName}, or {@code null}. */
    public static String ofApi(String eventName) {
        return eventName == null ? null : BY_API.get(eventName);
    }

    /** The technique a finding of {@code type} evidences, or {@code null}. */
    public static String ofFindingType(String type) {
        if (type == null) {
            return null;
        }
        if (type.contains("TorIPCaller") || type.contains("/Tor")) {
            return "T1090.003 Proxy: Multi-hop Proxy";
        }
        if (type.contains("InstanceCredentialExfiltration")) {
            return "T1552.005 Unsecured Credentials: Cloud Instance Metadata API";
        }
        if (type.startsWith("CryptoCurrency:") || type.contains("Bitcoin")) {
            return "T1496 Resource Hijacking";
        }
        if (type.contains("DNSDataExfiltration")) {
            return "T1048.003 Exfiltration Over Unencrypted Non-C2 Protocol";
        }
        if (type.contains("DGADomainRequest")) {
            return "T1568.002 Dynamic Resolution: Domain Generation Algorithms";
        }
        if (type.contains("DenialOfService")) {
            return "T1498 Network Denial of Service";
        }
        if (type.startsWith("Backdoor:") || type.startsWith("Trojan:")) {
            return "T1071 Application Layer Protocol";
        }
        if (type.contains("IAMUser/") && (type.startsWith("UnauthorizedAccess:") || type.startsWith("Recon:")
                || type.startsWith("PenTest:") || type.contains("AnomalousBehavior"))) {
            return "T1078.004 Valid Accounts: Cloud Accounts";
        }
        return null;
    }
}
