package dev.vigil.findings.repository;

import dev.vigil.events.AccountState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Detectors and administrator/member relationships, a local copy of {@code vigil.accounts.state.v1}. */
public final class AccountRepository {

    private AccountRepository() {
    }

    /** A detector of an account in a region. */
    public record DetectorRow(String accountId, String region, String detectorId, String status, String frequency) {
    }

    /**
     * Applies one record of the compacted topic: {@code state == null} is a tombstone (the account has nothing left).
     *
     * @return false if the state was older than (or as old as) the one already applied
     */
    public static boolean apply(Connection c, String accountId, AccountState state) throws SQLException {
        if (state == null) {
            Db.update(c, "delete from detector where account_id = ?", accountId);
            Db.update(c, "delete from membership where admin_account_id = ?", accountId);
            Db.update(c, "delete from account_state_version where account_id = ?", accountId);
            return true;
        }
        int applied = Db.update(c, "insert into account_state_version (account_id, version) values (?, ?) "
                + "on conflict (account_id) do update set version = excluded.version "
                + "where account_state_version.version < excluded.version", accountId, state.version());
        if (applied == 0) {
            return false;
        }
        Db.update(c, "delete from detector where account_id = ?", accountId);
        if (state.detectors() != null) {
            for (AccountState.Detector d : state.detectors()) {
                Db.update(c, "insert into detector (account_id, region, detector_id, status, publishing_frequency) "
                        + "values (?, ?, ?, ?, ?)", accountId, d.region(), d.detectorId(),
                        d.status() == null ? "ENABLED" : d.status(),
                        d.findingPublishingFrequency() == null ? "SIX_HOURS" : d.findingPublishingFrequency());
            }
        }
        Db.update(c, "delete from membership where admin_account_id = ?", accountId);
        if (state.members() != null) {
            for (AccountState.Relationship m : state.members()) {
                Db.update(c, "insert into membership (admin_account_id, member_account_id, relationship_status) "
                        + "values (?, ?, ?) on conflict do nothing", accountId, m.accountId(), m.relationshipStatus());
            }
        }
        return true;
    }

    /** The detector of {@code accountId} in {@code region}. */
    public static Optional<DetectorRow> detector(Connection c, String accountId, String region) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select detector_id, status, publishing_frequency from detector "
                + "where account_id = ? and region = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, region);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new DetectorRow(accountId, region, rs.getString(1), rs.getString(2),
                        rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** The caller's account followed by the members it administers with an {@code Enabled} relationship. */
    public static List<String> visibleAccounts(Connection c, String accountId) throws SQLException {
        List<String> out = new ArrayList<>();
        out.add(accountId);
        try (PreparedStatement ps = c.prepareStatement("select member_account_id from membership "
                + "where admin_account_id = ? and relationship_status = 'Enabled' and member_account_id <> ? "
                + "order by member_account_id")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The administrator that manages {@code accountId} with an {@code Enabled} relationship, if any. */
    public static Optional<String> administratorOf(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select admin_account_id from membership "
                + "where member_account_id = ? and relationship_status = 'Enabled' limit 1")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
