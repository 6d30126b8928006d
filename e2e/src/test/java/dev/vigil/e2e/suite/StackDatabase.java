package dev.vigil.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The stack's PostgreSQL database ({@code VIGIL_PG_DB}, default {@code vigil}) through {@code psql} as the
 * superuser, for the fault cases: to cut it off, and to say where a missing count stopped when a case fails.
 */
final class StackDatabase {

    private StackDatabase() {
    }

    /** The stack's database name. */
    static String name() {
        return Stack.env("VIGIL_PG_DB", "vigil");
    }

    /**
     * Runs {@code sql} in database {@code database} and returns its output (unaligned, tuples only, trimmed).
     *
     * @throws AssertionError when psql fails or takes longer than 30 s
     */
    static String psql(String database, String sql) throws IOException, InterruptedException {
        Path log = Files.createTempFile("vigil-psql", ".log");
        try {
            Process p = new ProcessBuilder("psql", "-h", Stack.env("VIGIL_PG_HOST", "127.0.0.1"), "-p",
                    Stack.env("VIGIL_PG_PORT", "5432"), "-U", Stack.env("VIGIL_PG_SUPERUSER", "postgres"), "-d",
                    database, "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("psql %s finished", sql).isTrue();
            String out = Files.readString(log).trim();
            assertThat(p.exitValue()).as("psql %s: %s", sql, out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Where the events of finding {@code findingId} stand in findings-service, for a failure message: how many
     * distinct candidates it applied ({@code processed_event}) against its {@code service.count}. Equal numbers mean
     * candidates never arrived (lost upstream: ingest, Kafka or the detector); fewer applied than sent and equal to the
     * count means they did not reach findings-service; a count other than the applied candidates means a merge defect.
     */
    static String findingDiagnosis(String findingId) {
        try {
            return "findings-service applied " + psql(name(), "select count(*) from processed_event where finding_id = '"
                    + findingId.replace("'", "") + "'") + " candidates of finding " + findingId
                    + "; candidates in the dead-letter topic are not counted";
        } catch (IOException | InterruptedException | AssertionError e) {
            return "no diagnosis: " + e;
        }
    }
}
