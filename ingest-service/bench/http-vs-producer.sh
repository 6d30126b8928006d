#!/usr/bin/env bash
# The ingest benchmark of issue 3, on the running local stack (./vigil up): the HTTP path (LoadHarness: POST
# /ingest/v1/flow-logs over HTTP/1.1, a 200 only after Kafka acknowledged every record) side by side with Kafka's own
# ProducerPerformance on the same broker, with the same record count, record size and producer settings, into a
# topic with as many partitions as vigil.flow-logs.v1. The two alternate for ROUNDS rounds; the summary gives each
# round and the medians. Each HTTP round starts with 30 unmeasured requests (300,000 records at the defaults), so that
# it measures the long-running server's steady state, not its JIT compiler; ProducerPerformance, a new JVM each round,
# measures its whole run. BENCHMARKS.md records the results.
#
# The HTTP path submits as the vigil-collector client for account 333333333333, which the demo's scenarios do not use
# (recent records of a demo account would move its detection clock past a later demo's attack window). Before
# measuring, it makes sure that account has a detector (ingest refuses records of accounts without one), then stops
# the services that consume what the HTTP path produces (detector-service reads the flow topic, accounts-service the
# usage topic, findings-service is idle) so that both paths get the same two cores; on exit `./vigil up` starts them
# again. VIGIL_BENCH_KEEP_CONSUMERS=1 leaves them running. It stops with a message when a request fails.
#
# Not quite like for like: ProducerPerformance sends unkeyed records (sticky partitioning) of 400 random A-Z bytes, new
# for each record (lz4 gains little on them); the HTTP path's records are keyed JSON (~370 B plus a ~35 B key).
#
#   ingest-service/bench/http-vs-producer.sh [records-per-request] [requests] [concurrency] [rounds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RECORDS=${1:-10000}
REQUESTS=${2:-150}
CONCURRENCY=${3:-4}
ROUNDS=${4:-3}
TOTAL=$((RECORDS * REQUESTS))
KAFKA=127.0.0.1:${VIGIL_KAFKA_PORT:-9092}
ACCOUNTS_URL=http://127.0.0.1:${VIGIL_ACCOUNTS_PORT:-8084}
TOOLS=${VIGIL_HOME:-$ROOT/.vigil}/kafka-tools
TOPIC=vigil.bench.producer-perf

if [[ ! -d $TOOLS ]]; then
  ./mvnw -q -B -f stack/pom.xml -Pkafka-tools dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TOOLS"
fi
./mvnw -q -B -o -pl ingest-service test-compile
./mvnw -q -B -o -pl ingest-service dependency:build-classpath -Dmdep.outputFile=/tmp/vigil-ingest-cp.txt -Dmdep.includeScope=test
CP="ingest-service/target/test-classes:ingest-service/target/classes:$(cat /tmp/vigil-ingest-cp.txt)"

LOCALE=(-Duser.language=en -Duser.country=US) # figures printed with a decimal point, whatever the machine's locale
fail() { echo "http-vs-producer: $*" >&2; exit 1; }

admin=$(./vigil token admin-333) || fail "no token for admin-333: is the stack up (./vigil up)?"
detectors=$(curl -sf -H "Authorization: Bearer $admin" "$ACCOUNTS_URL/detector") \
  || fail "accounts-service does not answer ListDetectors on $ACCOUNTS_URL"
if grep -q '"detectorIds":\[\]' <<<"$detectors"; then
  curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"enable":true}' \
    "$ACCOUNTS_URL/detector" >/dev/null || fail "CreateDetector for 333333333333 failed"
  echo "== created a detector for 333333333333"
  sleep 3 # ingest-service learns it from vigil.accounts.state.v1
fi

stopped=0
cleanup() {
  java -cp "$TOOLS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "$TOPIC" \
    >/dev/null 2>&1 || true
  if [[ $stopped == 1 ]]; then
    echo "== starting the stopped services again"
    ./vigil up >/dev/null
  fi
}
trap cleanup EXIT
if [[ ${VIGIL_BENCH_KEEP_CONSUMERS:-0} != 1 ]]; then
  stopped=1
  for s in detector accounts findings; do ./vigil stop "$s"; done
  sleep 10
fi
java -cp "$TOOLS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --create --if-not-exists \
  --topic "$TOPIC" --partitions 6 --replication-factor 1 >/dev/null

http=() producer=()
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "-- HTTP path: $REQUESTS requests x $RECORDS default-format flow records, $CONCURRENCY at a time"
  # a new token each round: the realm's tokens live 300 s
  token=$(./vigil token vigil-collector) || fail "no token for vigil-collector"
  if ! out=$(java "${LOCALE[@]}" -cp "$CP" dev.vigil.ingest.bench.LoadHarness \
    url=http://127.0.0.1:${VIGIL_INGEST_PORT:-8081} token="$token" account=333333333333 source=flow \
    records="$RECORDS" requests="$REQUESTS" concurrency="$CONCURRENCY" http=1.1 warmup=30 2>&1); then
    echo "$out"
    fail "the load harness failed"
  fi
  echo "$out"
  grep -q 'failed requests 0$' <<<"$out" || fail "some requests failed: the figure would be wrong"
  rate=$(sed -n 's/.*s: \([0-9]*\) records\/s.*/\1/p' <<<"$out")
  [[ -n $rate ]] || fail "no records/s in the harness's output"
  http+=("$rate")
  echo "-- ProducerPerformance: $TOTAL records of 400 bytes, same producer settings as ingest-service"
  out=$(java "${LOCALE[@]}" -cp "$TOOLS/*" org.apache.kafka.tools.ProducerPerformance --topic "$TOPIC" \
    --num-records "$TOTAL" --record-size 400 --throughput -1 --producer-props bootstrap.servers="$KAFKA" acks=all \
    enable.idempotence=true linger.ms=5 batch.size=131072 compression.type=lz4 | tail -1)
  echo "$out"
  rate=$(sed -n 's/^[0-9]* records sent, \([0-9]*\)[.,][0-9]* records\/sec.*/\1/p' <<<"$out")
  [[ -n $rate ]] || fail "no records/sec in ProducerPerformance's output"
  producer+=("$rate")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
echo "== summary (records/s), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | HTTP path | ProducerPerformance | share |"
echo "|---|---|---|---|"
for i in "${!http[@]}"; do
  echo "| $((i + 1)) | ${http[$i]} | ${producer[$i]} | $((100 * ${http[$i]} / ${producer[$i]})) % |"
done
mh=$(median "${http[@]}") mp=$(median "${producer[@]}")
echo "| median | $mh | $mp | $((100 * mh / mp)) % |"
