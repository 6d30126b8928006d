#!/usr/bin/env bash
# The ingest benchmark of issue 3, on the running local stack (./vigil up): the HTTP path (LoadHarness: POST
# /ingest/v1/flow-logs, 200 only after Kafka acknowledged every record) side by side with Kafka's own
# ProducerPerformance on the same broker, with the same record size and producer settings, into a topic with as many
# partitions as vigil.flow-logs.v1. Prints both results; BENCHMARKS.md records them.
#
#   ingest-service/bench/http-vs-producer.sh [records-per-request] [requests] [concurrency]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RECORDS=${1:-10000}
REQUESTS=${2:-60}
CONCURRENCY=${3:-4}
TOTAL=$((RECORDS * REQUESTS))
KAFKA=127.0.0.1:${VIGIL_KAFKA_PORT:-9092}
TOOLS=${VIGIL_HOME:-$ROOT/.vigil}/kafka-tools
TOPIC=vigil.bench.producer-perf

if [[ ! -d $TOOLS ]]; then
  ./mvnw -q -B -f stack/pom.xml -Pkafka-tools dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TOOLS"
fi
./mvnw -q -B -o -pl ingest-service test-compile
./mvnw -q -B -o -pl ingest-service dependency:build-classpath -Dmdep.outputFile=/tmp/vigil-ingest-cp.txt -Dmdep.includeScope=test

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== HTTP path: $REQUESTS requests x $RECORDS default-format flow records, $CONCURRENCY at a time"
java -cp "ingest-service/target/test-classes:ingest-service/target/classes:$(cat /tmp/vigil-ingest-cp.txt)" \
  dev.vigil.ingest.bench.LoadHarness url=http://127.0.0.1:${VIGIL_INGEST_PORT:-8081} token="$(./vigil token ingest-111)" \
  account=111111111111 source=flow records="$RECORDS" requests="$REQUESTS" concurrency="$CONCURRENCY"

echo "== load average between: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$TOOLS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --create --if-not-exists \
  --topic "$TOPIC" --partitions 6 --replication-factor 1 >/dev/null
echo "== ProducerPerformance: $TOTAL records of 400 bytes, same producer settings as ingest-service"
java -cp "$TOOLS/*" org.apache.kafka.tools.ProducerPerformance --topic "$TOPIC" --num-records "$TOTAL" \
  --record-size 400 --throughput -1 --producer-props bootstrap.servers="$KAFKA" acks=all enable.idempotence=true \
  linger.ms=5 batch.size=131072 compression.type=lz4
java -cp "$TOOLS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "$TOPIC" >/dev/null
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
