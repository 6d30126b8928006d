package dev.vigil.findings.repository;

import dev.vigil.events.Json;
import dev.vigil.web.tags.ResourceArn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tags of findings-service's taggable resources, where CreateFilter and CreatePublishingDestination store them:
 * {@code finding_filter.tags} and {@code publishing_destination.tags} (JSON objects; {@code null} for none). Every
 * statement is scoped by the caller's account and region.
 */
public final class TaggedResources {

    private TaggedResources() {
    }

    /**
     * The tags of the caller's resource {@code arn} names (locked until the transaction ends), or empty when there is
     * none: the detector of the ARN is not the account's in that region, or the filter or destination does not
     * exist; a type this service does not own names nothing.
     */
    public static Optional<Map<String, String>> lock(Connection c, String account, String region, ResourceArn arn)
            throws SQLException {
        boolean detector = AccountRepository.detector(c, account, region).map(d -> d.detectorId().equals(arn.detectorId()))
                .orElse(false);
        String table = table(arn);
        if (!detector || table == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("select tags::text from " + table + " where account_id = ? and "
                + "region = ? and " + key(arn) + " = ? for update")) {
            ps.setString(1, account);
            ps.setString(2, region);
            ps.setString(3, arn.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String json = rs.getString(1);
                return Optional.of(json == null ? new TreeMap<>() : new TreeMap<>(Json.read(json, StringMap.class)));
            }
        }
    }

    /** Replaces the tags of the resource {@code arn} names (found by {@link #lock} in the same transaction). */
    public static void write(Connection c, String account, String region, ResourceArn arn, Map<String, String> tags)
            throws SQLException {
        Db.update(c, "update " + table(arn) + " set tags = ?::jsonb where account_id = ? and region = ? and " + key(arn)
                + " = ?", Json.write(tags), account, region, arn.id());
    }

    private static String table(ResourceArn arn) {
        return switch (arn.type()) {
            case FILTER -> "finding_filter";
            case PUBLISHING_DESTINATION -> "publishing_destination";
            default -> null;
        };
    }

    private static String key(ResourceArn arn) {
        return arn.type() == ResourceArn.Type.FILTER ? "name" : "id";
    }

    /** A JSON object of strings. */
    static final class StringMap extends TreeMap<String, String> {
        private static final long serialVersionUID = 1L;
    }
}
