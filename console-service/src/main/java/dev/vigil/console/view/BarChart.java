package dev.vigil.console.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn on the server as inline SVG (no script): one bar per day, heights scaled to the largest count.
 * Sizes are SVG user units; the template sets the viewBox to {@link #WIDTH} x {@link #HEIGHT}.
 */
public record BarChart(List<Bar> bars, long max) {

    /** The drawing's width and height (user units). */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 200;
    private static final int AXIS = 20;

    /** One bar: its day label, count and geometry. */
    public record Bar(String label, long count, int x, int y, int width, int height) {

        /** Where the count is written: just above the bar. */
        public int countX() {
            return x + 2;
        }

        /** The baseline of the count, 3 units above the bar. */
        public int countY() {
            return Math.max(10, y - 3);
        }
    }

    /**
     * The chart of {@code days} (label and count, oldest first).
     *
     * @return an empty chart when {@code days} is empty
     */
    public static BarChart of(List<Count> days) {
        long max = days.stream().mapToLong(Count::count).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        if (days.isEmpty()) {
            return new BarChart(bars, 0);
        }
        int slot = WIDTH / days.size();
        int width = Math.max(2, slot * 3 / 4);
        int room = HEIGHT - AXIS;
        for (int i = 0; i < days.size(); i++) {
            Count d = days.get(i);
            int h = max == 0 ? 0 : (int) Math.max(1, Math.round((double) d.count() * room / max));
            bars.add(new Bar(d.label(), d.count(), i * slot + (slot - width) / 2, room - h, width, h));
        }
        return new BarChart(bars, max);
    }

    /** The SVG width (for the template). */
    public int width() {
        return WIDTH;
    }

    /** The SVG height (for the template). */
    public int height() {
        return HEIGHT;
    }

    /** The y of the day labels (baseline under the bars). */
    public int labelY() {
        return HEIGHT - 5;
    }
}
