package dev.vigil.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything, for tests. */
final class Collected<T> implements ParseSink<T> {

    final List<T> records = new ArrayList<>();
    final List<Pos> positions = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final List<LineError> errors = new ArrayList<>();
    final List<LineError> skipped = new ArrayList<>();
    ParseOutcome outcome;

    @Override
    public void accept(T record, Pos pos, int sizeBytes) {
        records.add(record);
        positions.add(pos);
        sizes.add(sizeBytes);
    }

    @Override
    public void reject(Pos pos, String reason) {
        errors.add(pos.error(reason));
    }

    @Override
    public void skip(Pos pos, String reason) {
        skipped.add(pos.error(reason));
    }

    T only() {
        if (records.size() != 1) {
            throw new AssertionError("expected one record, got " + records.size() + "; errors " + errors);
        }
        return records.get(0);
    }
}
