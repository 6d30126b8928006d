package dev.vigil.findings.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** Table {@code finding}: the GuardDuty document (JSONB) and its indexed criteria columns, kept in step. */
public final class FindingRepository {

    private static final List<String> COLUMNS = new ArrayList<>();
    private static final String INSERT;
    private static final String UPDATE;

    static {
        for (FindingFields.Field f : FindingFields.all()) {
            COLUMNS.add(f.column());
        }
        COLUMNS.add("detector_id");
        COLUMNS.add("resource_id");
        COLUMNS.add("suppressed");
        COLUMNS.add("export_pending");
        COLUMNS.add("doc");
        StringJoiner marks = new StringJoiner(",");
        COLUMNS.forEach(c -> marks.add(c.equals("doc") ? "?::jsonb" : "?"));
        INSERT = "insert into finding (" + String.join(",", COLUMNS) + ") values (" + marks
                + ") on conflict (id) do nothing";
        StringJoiner sets = new StringJoiner(",");
        COLUMNS.stream().filter(c -> !c.equals("id")).forEach(c -> sets.add(c + (c.equals("doc") ? " = ?::jsonb" : " = ?")));
        UPDATE = "update finding set " + sets + " where id = ?";
    }

    private FindingRepository() {
    }

    /** A finding read under a row lock. */
    public record Locked(ObjectNode doc, boolean suppressed) {
    }

    /** The columns that {@link #values} fills, in order (every column but {@code seq}). */
    public static List<String> columns() {
        return List.copyOf(COLUMNS);
    }

    /**
     * The column values of a finding document, in the order of {@link #columns()}, typed for JDBC (String, Double,
     * Integer, Long, Instant, Boolean; {@code doc} as JSON text).
     */
    public static List<Object> values(ObjectNode doc, boolean suppressed, boolean exportPending) {
        List<Object> v = new ArrayList<>();
        for (FindingFields.Field f : FindingFields.all()) {
            Object x = f.extract(doc);
            if (x == null && (f.column().equals("sample") || f.column().equals("archived"))) {
                x = Boolean.FALSE;
            }
            v.add(x);
        }
        v.add(text(doc.at("/service/detectorId")));
        v.add(resourceId(doc.path("resource")));
        v.add(suppressed);
        v.add(exportPending);
        v.add(Json.write(doc));
        return v;
    }

    /** The ID of the affected resource, by resource type (instance ID, access key ID, bucket name, ...). */
    static String resourceId(JsonNode resource) {
        for (String p : List.of("/instanceDetails/instanceId", "/accessKeyDetails/accessKeyId",
                "/s3BucketDetails/0/name", "/eksClusterDetails/name", "/rdsDbInstanceDetails/dbInstanceIdentifier",
                "/ecsClusterDetails/name", "/lambdaDetails/functionName")) {
            String v = text(resource.at(p));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** Inserts a new finding; false if the ID already exists (a concurrent insert won). */
    public static boolean insert(Connection c, ObjectNode doc, boolean suppressed, boolean exportPending) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Db.bind(ps, 1, values(doc, suppressed, exportPending));
            return ps.executeUpdate() == 1;
        }
    }

    /** Rewrites the document and every column of finding {@code doc.id}. */
    public static void update(Connection c, ObjectNode doc, boolean suppressed, boolean exportPending) throws SQLException {
        List<Object> v = values(doc, suppressed, exportPending);
        v.remove(COLUMNS.indexOf("id"));
        v.add(doc.get("id").asText());
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            Db.bind(ps, 1, v);
            ps.executeUpdate();
        }
    }

    /** Reads finding {@code id} and locks its row until the transaction ends. */
    public static Optional<Locked> lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select doc::text, suppressed from finding where id = ? for update")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Locked((ObjectNode) Json.read(rs.getString(1), JsonNode.class),
                        rs.getBoolean(2))) : Optional.empty();
            }
        }
    }

    /** Whether finding {@code id} satisfies {@code criteria}. */
    public static boolean matches(Connection c, String id, Criteria criteria) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from finding where id = ? and " + criteria.sql())) {
            ps.setString(1, id);
            Db.bind(ps, 2, criteria.params());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The documents of {@code ids} within {@code accounts} and {@code region}, locked when {@code forUpdate}. */
    public static List<ObjectNode> documents(Connection c, List<String> ids, List<String> accounts, String region,
            boolean forUpdate) throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        String sql = "select doc::text from finding where id in (" + marks(ids.size()) + ") and account_id in ("
                + marks(accounts.size()) + ") and region = ? order by id" + (forUpdate ? " for update" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>(ids);
            params.addAll(accounts);
            params.add(region);
            Db.bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add((ObjectNode) Json.read(rs.getString(1), JsonNode.class));
                }
            }
        }
        return out;
    }

    /** {@code n} comma-separated placeholders. */
    public static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
