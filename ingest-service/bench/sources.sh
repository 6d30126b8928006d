#!/usr/bin/env bash
# The log source benchmarks of issue 15 on the running local stack (./vigil up), for account 333333333333:
# records per second of the S3 + SQS path (gzip flow-log objects, their S3 notifications sent to ElasticMQ at once,
# timed until the queue is empty, i.e. every record acknowledged by Kafka) next to the HTTP path (the same objects
# posted one after the other to POST /ingest/v1/flow-logs), alternating; then the Firehose path's time from request
# to 200 for 1 MiB batches (p50/p90/p99). The harness is dev.vigil.e2e.bench.SourcesBenchmark (e2e module);
# BENCHMARKS.md records the results.
#
#   ingest-service/bench/sources.sh [objects] [mb-per-object] [rounds] [firehose-requests]   (defaults 6 10 2 100)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VIGIL_HOME=${VIGIL_HOME:-$ROOT/.vigil}
[[ -f e2e/target/e2e.jar ]] || ./mvnw -B -q -pl e2e -am package -DskipTests
# the stack's secrets (the demo users' password and the S3 server's key come from the environment or these files)
for f in "$VIGIL_HOME"/secrets/*; do
  name=$(basename "$f")
  [[ -n ${!name:-} ]] || export "$name=$(cat "$f")"
done
exec java -cp e2e/target/e2e.jar dev.vigil.e2e.bench.SourcesBenchmark "$@"
