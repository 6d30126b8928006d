package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.stream.IntStream;

/**
 * bi-reader's key downloads 150 reports in two and a half minutes, from the office with the usual SDK: nothing new
 * but the volume, fifty times the three reads of its usual hour ({@code Exfiltration:S3/AnomalousBehavior}, High:
 * at least {@code detector.behavior.burst.min-calls} (100) object reads in one 10-minute bucket and above 10 times
 * the learned mean). The reads start just after a 10-minute boundary so that they fall in one bucket.
 */
public final class S3BulkDownload extends S3UnusualCalls {
    /** How many objects are read. */
    static final int OBJECTS = 150;

    /** The scenario. */
    public S3BulkDownload() {
        super("s3-bulk-download", new Spec(Company.BI, Company.BI_BUCKET, Company.OFFICE_IP, Company.SERVICE_AGENT,
            0.25, "Exfiltration:S3/AnomalousBehavior", 7.0,
            "bi-reader's key downloads " + OBJECTS + " reports of acme-reports within 150 seconds from the office, "
                + "fifty times its usual hourly reads",
            IntStream.range(0, OBJECTS).mapToObj(k -> new Call("GetObject", "archive/2025/report-" + k + ".json"))
                .toList()));
    }

    @Override
    long spacing() {
        return 1;
    }

    @Override
    long start(AttackContext a) {
        return (super.start(a) / 600 + 1) * 600 + 5;
    }
}
