package dev.vigil.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.AccountDetail;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.DetectorStatus;
import software.amazon.awssdk.services.guardduty.model.FindingPublishingFrequency;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.IpSetFormat;
import software.amazon.awssdk.services.guardduty.model.IpSetStatus;
import software.amazon.awssdk.services.guardduty.model.ThreatIntelSetFormat;
import software.amazon.awssdk.services.guardduty.model.ThreatIntelSetStatus;
import software.amazon.awssdk.services.guardduty.model.UsageStatisticType;

/**
 * Every implemented operation called through the AWS SDK for Java v2 GuardDuty client (endpoint override, anonymous
 * credentials, an interceptor adding {@code Authorization: Bearer ...}) and its reply parsed by the SDK. Identity
 * comes from {@code @TestSecurity}/{@code @OidcSecurity} (which take precedence over the SDK's bearer header); each
 * step is one ordered test method with the identity of the account acting.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardDutySdkTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static String adminDetector;
    static String memberDetector;
    static String invitationId;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void clean() {
        TestDb.clean();
    }

    GuardDutyClient client(String pathPrefix) {
        return SdkClients.guardDuty(base, pathPrefix);
    }

    GuardDutyClient gd() {
        return client("");
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberCreatesDetector() {
        memberDetector = gd().createDetector(r -> r.enable(true)).detectorId();
        assertThat(memberDetector).matches("[0-9a-f]{32}");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void detectorsAndInvitations() {
        GuardDutyClient gd = gd();
        adminDetector = gd.createDetector(r -> r.enable(true).findingPublishingFrequency(FindingPublishingFrequency.ONE_HOUR)
                .tags(Map.of("env", "test"))).detectorId();
        BadRequestException dup = (BadRequestException) org.assertj.core.api.Assertions.catchThrowable(() -> gd.createDetector(r -> r.enable(true)));
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
        assertThat(dup.awsErrorDetails().errorMessage()).contains("already exists");

        GetDetectorResponse d = gd.getDetector(r -> r.detectorId(adminDetector));
        assertThat(d.status()).isEqualTo(DetectorStatus.ENABLED);
        assertThat(d.findingPublishingFrequency()).isEqualTo(FindingPublishingFrequency.ONE_HOUR);
        assertThat(d.tags()).containsEntry("env", "test");
        assertThat(d.dataSources().flowLogs().statusAsString()).isEqualTo("ENABLED");
        assertThat(d.features()).isNotEmpty();
        assertThat(d.features().get(0).updatedAt()).isNotNull();
        gd.updateDetector(r -> r.detectorId(adminDetector).findingPublishingFrequency(FindingPublishingFrequency.FIFTEEN_MINUTES));
        assertThat(gd.getDetector(r -> r.detectorId(adminDetector)).findingPublishingFrequency()).isEqualTo(FindingPublishingFrequency.FIFTEEN_MINUTES);
        assertThat(gd.listDetectors(r -> r.maxResults(10)).detectorIds()).containsExactly(adminDetector);
        // a region-prefixed endpoint, as an unmodified SDK with endpoint .../eu-west-1 would use
        assertThat(client("/eu-west-1").listDetectors(r -> { }).detectorIds()).isEmpty();

        assertThat(gd.createMembers(r -> r.detectorId(adminDetector).accountDetails(
                AccountDetail.builder().accountId(B).email("b@example.com").build(),
                AccountDetail.builder().accountId(A).email("self@example.com").build())).unprocessedAccounts())
                .singleElement().satisfies(u -> assertThat(u.accountId()).isEqualTo(A));
        assertThat(gd.inviteMembers(r -> r.detectorId(adminDetector).accountIds(B).message("hi").disableEmailNotification(true))
                .unprocessedAccounts()).isEmpty();
        var members = gd.getMembers(r -> r.detectorId(adminDetector).accountIds(B)).members();
        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.relationshipStatus()).isEqualTo("Invited");
            assertThat(m.administratorId()).isEqualTo(A);
            assertThat(m.detectorId()).as("not shown before the member accepts").isNull();
            assertThat(m.invitedAt()).isNotBlank();
        });
        assertThat(gd.listMembers(r -> r.detectorId(adminDetector).onlyAssociated("false")).members()).hasSize(1);
        assertThat(gd.listMembers(r -> r.detectorId(adminDetector)).members()).isEmpty();
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberAccepts() {
        GuardDutyClient gd = gd();
        assertThat(gd.getInvitationsCount(r -> { }).invitationsCount()).isEqualTo(1);
        var invitations = gd.listInvitations(r -> { }).invitations();
        assertThat(invitations).singleElement().satisfies(i -> assertThat(i.accountId()).isEqualTo(A));
        invitationId = invitations.get(0).invitationId();
        assertThatThrownBy(() -> gd.acceptAdministratorInvitation(r -> r.detectorId(memberDetector).administratorId(A).invitationId("bad")))
                .isInstanceOf(BadRequestException.class);
        gd.acceptAdministratorInvitation(r -> r.detectorId(memberDetector).administratorId(A).invitationId(invitationId));
        assertThat(gd.getAdministratorAccount(r -> r.detectorId(memberDetector)).administrator().relationshipStatus()).isEqualTo("Enabled");
        assertThat(gd.getMasterAccount(r -> r.detectorId(memberDetector)).master().accountId()).isEqualTo(A);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorManagesMembersListsAndUsage() {
        GuardDutyClient gd = gd();
        assertThat(gd.getMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B)).memberDataSourceConfigurations())
                .singleElement().satisfies(m -> assertThat(m.accountId()).isEqualTo(B));
        // UpdateMemberDetectors: the member's detector changes as its own UpdateDetector would change it
        assertThat(gd.updateMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B, "333333333333")
                .features(f -> f.name("S3_DATA_EVENTS").status("ENABLED"))).unprocessedAccounts())
                .singleElement().satisfies(u -> assertThat(u.accountId()).isEqualTo("333333333333"));
        assertThat(gd.getMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B)).memberDataSourceConfigurations()
                .get(0).dataSources().s3Logs().statusAsString()).isEqualTo("ENABLED");
        gd.updateMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B)
                .dataSources(d -> d.s3Logs(l -> l.enable(false))));
        assertThat(gd.getMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B)).memberDataSourceConfigurations()
                .get(0).dataSources().s3Logs().statusAsString()).isEqualTo("DISABLED");
        assertThatThrownBy(() -> gd.updateMemberDetectors(r -> r.detectorId(adminDetector).accountIds(B)
                .features(f -> f.name("NO_SUCH_FEATURE").status("ENABLED")))).isInstanceOf(BadRequestException.class);
        assertThat(gd.stopMonitoringMembers(r -> r.detectorId(adminDetector).accountIds(B)).unprocessedAccounts()).isEmpty();
        assertThat(gd.getMembers(r -> r.detectorId(adminDetector).accountIds(B)).members().get(0).relationshipStatus()).isEqualTo("Disabled");
        assertThat(gd.startMonitoringMembers(r -> r.detectorId(adminDetector).accountIds(B)).unprocessedAccounts()).isEmpty();
        assertThat(gd.listMembers(r -> r.detectorId(adminDetector)).members()).singleElement()
                .satisfies(m -> assertThat(m.relationshipStatus()).isEqualTo("Enabled"));

        String ipSet = gd.createIPSet(r -> r.detectorId(adminDetector).name("office").format(IpSetFormat.TXT)
                .location("vigil://upload/office").activate(true)).ipSetId();
        assertThat(gd.getIPSet(r -> r.detectorId(adminDetector).ipSetId(ipSet)).status()).isEqualTo(IpSetStatus.ACTIVATING);
        gd.updateIPSet(r -> r.detectorId(adminDetector).ipSetId(ipSet).name("office-2").activate(false));
        var got = gd.getIPSet(r -> r.detectorId(adminDetector).ipSetId(ipSet));
        assertThat(got.name()).isEqualTo("office-2");
        assertThat(got.status()).isEqualTo(IpSetStatus.INACTIVE);
        assertThat(got.format()).isEqualTo(IpSetFormat.TXT);
        assertThat(gd.listIPSets(r -> r.detectorId(adminDetector)).ipSetIds()).containsExactly(ipSet);

        String threat = gd.createThreatIntelSet(r -> r.detectorId(adminDetector).name("bad").format(ThreatIntelSetFormat.STIX)
                .location("vigil://upload/bad").activate(false).tags(Map.of("src", "sdk"))).threatIntelSetId();
        gd.updateThreatIntelSet(r -> r.detectorId(adminDetector).threatIntelSetId(threat).activate(true));
        var t = gd.getThreatIntelSet(r -> r.detectorId(adminDetector).threatIntelSetId(threat));
        assertThat(t.status()).isEqualTo(ThreatIntelSetStatus.ACTIVATING);
        assertThat(t.tags()).containsEntry("src", "sdk");
        assertThat(gd.listThreatIntelSets(r -> r.detectorId(adminDetector)).threatIntelSetIds()).containsExactly(threat);
        gd.deleteThreatIntelSet(r -> r.detectorId(adminDetector).threatIntelSetId(threat));
        gd.deleteIPSet(r -> r.detectorId(adminDetector).ipSetId(ipSet));
        assertThat(gd.listIPSets(r -> r.detectorId(adminDetector)).ipSetIds()).isEmpty();

        var usage = gd.getUsageStatistics(r -> r.detectorId(adminDetector).usageStatisticType(UsageStatisticType.SUM_BY_ACCOUNT)
                .usageCriteria(c -> c.dataSourcesWithStrings("FLOW_LOGS")));
        assertThat(usage.usageStatistics().sumByAccount()).isEmpty();
        var trial = gd.getRemainingFreeTrialDays(r -> r.detectorId(adminDetector).accountIds(A, B));
        assertThat(trial.accounts()).hasSize(2);
        assertThat(trial.accounts().get(0).dataSources().flowLogs().freeTrialDaysRemaining()).isEqualTo(30);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberLeaves() {
        gd().disassociateFromAdministratorAccount(r -> r.detectorId(memberDetector));
        assertThat(gd().getAdministratorAccount(r -> r.detectorId(memberDetector)).administrator()).isNull();
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorInvitesAgain() {
        assertThat(gd().inviteMembers(r -> r.detectorId(adminDetector).accountIds(B)).unprocessedAccounts()).isEmpty();
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberUsesDeprecatedNamesThenDeclinesAndDeletes() {
        GuardDutyClient gd = gd();
        String inv = gd.listInvitations(r -> { }).invitations().get(0).invitationId();
        gd.acceptInvitation(r -> r.detectorId(memberDetector).masterId(A).invitationId(inv));
        assertThat(gd.getMasterAccount(r -> r.detectorId(memberDetector)).master().relationshipStatus()).isEqualTo("Enabled");
        gd.disassociateFromMasterAccount(r -> r.detectorId(memberDetector));
        assertThat(gd.declineInvitations(r -> r.accountIds(A)).unprocessedAccounts()).singleElement()
                .satisfies(u -> assertThat(u.accountId()).isEqualTo(A));
        assertThat(gd.deleteInvitations(r -> r.accountIds(A)).unprocessedAccounts()).isEmpty();
        assertThat(gd.listInvitations(r -> { }).invitations()).isEmpty();
    }

    @Test
    @Order(8)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorCleansUp() {
        GuardDutyClient gd = gd();
        assertThat(gd.disassociateMembers(r -> r.detectorId(adminDetector).accountIds(B)).unprocessedAccounts()).isEmpty();
        assertThat(gd.deleteMembers(r -> r.detectorId(adminDetector).accountIds(B)).unprocessedAccounts()).isEmpty();
        gd.deleteDetector(r -> r.detectorId(adminDetector));
        assertThat(gd.listDetectors(r -> { }).detectorIds()).isEmpty();
        assertThatThrownBy(() -> gd.getDetector(r -> r.detectorId(adminDetector))).isInstanceOf(BadRequestException.class);
    }
}
