package dev.vigil.findings.repository;

import dev.vigil.web.GuardDutyException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * GuardDuty's {@code sortCriteria} as a column of table {@code finding} and a direction; without an
 * {@code attributeName} the listing is in the default column's order ({@code seq}: the order findings were first
 * stored).
 *
 * @param field  the sorted field, {@code null} for the default column
 * @param column the column sorted on
 * @param asc    ascending (GuardDuty's default) or descending
 */
public record FindingSort(FindingFields.Field field, String column, boolean asc) {

    /**
     * The sort on {@code attributeName} ({@code null}: {@code defaultColumn}) in the given direction.
     *
     * @throws GuardDutyException 400 for an attribute that cannot be sorted on
     */
    public static FindingSort of(String attributeName, boolean asc, String defaultColumn) {
        if (attributeName == null) {
            return new FindingSort(null, defaultColumn, asc);
        }
        FindingFields.Field f = FindingFields.byPath(attributeName).filter(FindingFields.Field::sortable)
                .orElseThrow(() -> GuardDutyException.badRequest("Unsupported sortCriteria.attributeName '"
                        + attributeName + "'."));
        return new FindingSort(f, f.column(), asc);
    }

    /** Whether the sort column is unique ({@code seq}, {@code id}), so that it needs no {@code id} tie-break. */
    public boolean unique() {
        return column.equals("seq") || column.equals("id");
    }

    /** The keyset value of a row, as text for the page token. */
    String encode(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return String.valueOf(value);
    }

    /** The keyset value back from the page token, typed for JDBC. */
    Object decode(String value) {
        if (field == null) {
            return Long.valueOf(value);
        }
        return switch (field.kind()) {
            case STRING -> value;
            case NUMBER -> Double.valueOf(value);
            case INTEGER -> Integer.valueOf(value);
            case TIMESTAMP -> Timestamp.from(Instant.parse(value));
            case BOOLEAN -> Boolean.valueOf(value);
        };
    }

    @Override
    public String toString() {
        return column + (asc ? ":asc" : ":desc");
    }
}
