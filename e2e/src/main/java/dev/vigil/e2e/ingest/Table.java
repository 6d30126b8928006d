package dev.vigil.e2e.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row, a dashed rule, then the rows; columns padded to their widest cell (cells
 * longer than the column's maximum are cut with "..."). Right-aligned columns suit numbers.
 */
public final class Table {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final int[] maxWidth;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with the given headers; all columns left-aligned and uncapped until changed. */
    public Table(String... headers) {
        this.headers = List.of(headers);
        this.rightAligned = new boolean[headers.length];
        this.maxWidth = new int[headers.length];
        java.util.Arrays.fill(maxWidth, Integer.MAX_VALUE);
    }

    /** Right-aligns the given columns (0-based). */
    public Table right(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Caps a column's width (at least 4 characters). */
    public Table cap(int column, int width) {
        maxWidth[column] = Math.max(4, width);
        return this;
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException if the cell count differs from the header count
     */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> r = new ArrayList<>(cells.length);
        for (int c = 0; c < cells.length; c++) {
            String s = cells[c] == null ? "-" : String.valueOf(cells[c]).replace('\n', ' ');
            if (s.length() > maxWidth[c]) {
                s = s.substring(0, maxWidth[c] - 3) + "...";
            }
            r.add(s);
        }
        rows.add(r);
        return this;
    }

    /** The number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Renders the table; every line ends with a newline and carries no trailing spaces. */
    public String render() {
        int[] w = new int[headers.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.min(headers.get(c).length(), maxWidth[c]);
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, headers, w);
        List<String> rule = new ArrayList<>();
        for (int width : w) {
            rule.add("-".repeat(width));
        }
        line(b, rule, w);
        for (List<String> r : rows) {
            line(b, r, w);
        }
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            if (s.length() > w[c]) {
                s = s.substring(0, w[c]);
            }
            String pad = " ".repeat(w[c] - s.length());
            if (c > 0) {
                l.append("  ");
            }
            l.append(rightAligned[c] ? pad + s : s + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
