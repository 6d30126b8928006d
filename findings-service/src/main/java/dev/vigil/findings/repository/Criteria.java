package dev.vigil.findings.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.findings.repository.FindingFields.Field;
import dev.vigil.findings.repository.FindingFields.Kind;
import dev.vigil.web.GuardDutyException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * GuardDuty {@code FindingCriteria} compiled to a SQL condition on table {@code finding}. Operators (GuardDuty's
 * {@code Condition}): {@code eq}/{@code equals}, {@code neq}/{@code notEquals} (lists of strings),
 * {@code gt}/{@code greaterThan}, {@code gte}/{@code greaterThanOrEqual}, {@code lt}/{@code lessThan},
 * {@code lte}/{@code lessThanOrEqual} (numbers; epoch milliseconds for timestamps), {@code matches} /
 * {@code notMatches} (strings with {@code *} wildcards). Several conditions are ANDed; values of one list are ORed.
 *
 * @param sql    a condition ({@code "true"} when empty) with {@code ?} placeholders
 * @param params the JDBC values of the placeholders, in order
 */
public record Criteria(String sql, List<Object> params) {

    /** No condition. */
    public static final Criteria NONE = new Criteria("true", List.of());

    /**
     * Compiles {@code findingCriteria} ({@code {"criterion": {field: condition}}}); {@code null} means no condition.
     *
     * @throws GuardDutyException 400 naming the unsupported field, operator or value
     */
    public static Criteria compile(JsonNode findingCriteria) {
        if (findingCriteria == null || findingCriteria.isNull()) {
            return NONE;
        }
        if (!findingCriteria.isObject()) {
            throw GuardDutyException.badRequest("findingCriteria must be an object.");
        }
        JsonNode criterion = findingCriteria.get("criterion");
        if (criterion == null || criterion.isNull()) {
            return NONE;
        }
        if (!criterion.isObject()) {
            throw GuardDutyException.badRequest("findingCriteria.criterion must be an object of field name to condition.");
        }
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = criterion.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Field field = FindingFields.byPath(e.getKey()).orElseThrow(() -> GuardDutyException.badRequest(
                    "Unsupported criterion field '" + e.getKey() + "' in findingCriteria.criterion."));
            JsonNode condition = e.getValue();
            if (condition == null || !condition.isObject() || condition.isEmpty()) {
                throw GuardDutyException.badRequest("The condition of criterion field '" + field.path()
                        + "' must be an object with at least one operator.");
            }
            Iterator<Map.Entry<String, JsonNode>> ops = condition.fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue() == null || op.getValue().isNull()) {
                    continue;
                }
                parts.add(operator(field, op.getKey(), op.getValue(), params));
            }
        }
        return parts.isEmpty() ? NONE : new Criteria("(" + String.join(" and ", parts) + ")", List.copyOf(params));
    }

    private static String operator(Field field, String op, JsonNode value, List<Object> params) {
        String col = field.column();
        return switch (op) {
            case "eq", "equals" -> col + " in " + values(field, op, value, params);
            case "neq", "notEquals" -> "(" + col + " is null or " + col + " not in " + values(field, op, value, params) + ")";
            case "gt", "greaterThan" -> range(field, op, value, ">", params);
            case "gte", "greaterThanOrEqual" -> range(field, op, value, ">=", params);
            case "lt", "lessThan" -> range(field, op, value, "<", params);
            case "lte", "lessThanOrEqual" -> range(field, op, value, "<=", params);
            case "matches" -> "(" + likes(field, op, value, params) + ")";
            case "notMatches" -> "(" + col + " is null or not (" + likes(field, op, value, params) + "))";
            default -> throw GuardDutyException.badRequest("Unsupported operator '" + op + "' for criterion field '"
                    + field.path() + "'.");
        };
    }

    private static List<String> strings(Field field, String op, JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw GuardDutyException.badRequest("Operator '" + op + "' of criterion field '" + field.path()
                    + "' needs a non-empty list of strings.");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> {
            if (!v.isValueNode()) {
                throw GuardDutyException.badRequest("Operator '" + op + "' of criterion field '" + field.path()
                        + "' needs a list of strings.");
            }
            out.add(v.asText());
        });
        return out;
    }

    private static String values(Field field, String op, JsonNode value, List<Object> params) {
        StringJoiner in = new StringJoiner(",", "(", ")");
        for (String s : strings(field, op, value)) {
            params.add(typed(field, op, s));
            in.add("?");
        }
        return in.toString();
    }

    /** One list value of {@code eq}/{@code neq} as the column's JDBC type. */
    private static Object typed(Field field, String op, String s) {
        Object v = switch (field.kind()) {
            case STRING -> s;
            case NUMBER -> FindingFields.parseDouble(s);
            case INTEGER -> FindingFields.parseInt(s);
            case TIMESTAMP -> {
                Instant i = FindingFields.parseInstant(s);
                yield i == null ? null : Timestamp.from(i);
            }
            case BOOLEAN -> "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
        };
        if (v == null) {
            throw GuardDutyException.badRequest("Value '" + s + "' of operator '" + op + "' is not a valid "
                    + field.kind().name().toLowerCase() + " for criterion field '" + field.path() + "'.");
        }
        return v;
    }

    private static String range(Field field, String op, JsonNode value, String sqlOp, List<Object> params) {
        if (field.kind() == Kind.STRING || field.kind() == Kind.BOOLEAN) {
            throw GuardDutyException.badRequest("Operator '" + op + "' is not supported for criterion field '"
                    + field.path() + "' (a " + field.kind().name().toLowerCase() + " field).");
        }
        if (!value.isNumber() && !(value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?"))) {
            throw GuardDutyException.badRequest("Operator '" + op + "' of criterion field '" + field.path()
                    + "' needs a number" + (field.kind() == Kind.TIMESTAMP ? " (UTC epoch milliseconds)." : "."));
        }
        double n = value.asDouble();
        if (field.kind() == Kind.TIMESTAMP && FindingFields.epochMillis(n) == null) {
            throw GuardDutyException.badRequest("Operator '" + op + "' of criterion field '" + field.path()
                    + "' is out of range: UTC epoch milliseconds of the years 1 to 9999.");
        }
        params.add(switch (field.kind()) {
            case TIMESTAMP -> Timestamp.from(FindingFields.epochMillis(n));
            case INTEGER -> (long) n;
            default -> n;
        });
        return field.column() + " " + sqlOp + " ?";
    }

    private static String likes(Field field, String op, JsonNode value, List<Object> params) {
        if (field.kind() != Kind.STRING) {
            throw GuardDutyException.badRequest("Operator '" + op + "' is only supported for string criterion fields, not '"
                    + field.path() + "'.");
        }
        StringJoiner or = new StringJoiner(" or ");
        for (String s : strings(field, op, value)) {
            String like = s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
            params.add(like);
            or.add(field.column() + " like ?");
        }
        return or.toString();
    }
}
