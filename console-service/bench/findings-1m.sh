#!/usr/bin/env bash
# The console's Findings page at one million findings (issue 19; BENCHMARKS.md "console-service: the Findings page at
# one million findings"):
#  1. loads 1,000,000 findings of account 111111111111 (admin-111's) into database $VIGIL_BENCH_DB with findings-service's
#     harness (ListFindingsBench --load-only --keep --reuse: a loaded database is kept and reused; never the stack's own);
#  2. hands its schema findings to the service's role (vigil_findings, stack/pg-init.sql);
#  3. starts the local stack on that database (VIGIL_PG_DB=$VIGIL_BENCH_DB ./vigil up; stop your stack first: a running
#     stack keeps the database it started with) and leaves it running (./vigil down with the same environment);
#  4. signs admin-111 in to the console through Keycloak and times GET /findings (dev.vigil.e2e.bench.
#     ConsoleFindingsBenchmark: first page, a severity band, a type over 7 days, sorted by severity, page 2).
#
#   console-service/bench/findings-1m.sh [requests] [warmup]     (defaults 1000 100)
# Environment: VIGIL_BENCH_DB (default ${VIGIL_PG_DB:-vigil}_bench1m), VIGIL_BENCH_FINDINGS (1000000), ./vigil's
# variables (VIGIL_PG_HOST, VIGIL_PG_PORT, VIGIL_PG_SUPERUSER, the ports). Needs ~2.5 GB of disk; the load takes 2-8 min.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DB=${VIGIL_BENCH_DB:-${VIGIL_PG_DB:-vigil}_bench1m}
N=${VIGIL_BENCH_FINDINGS:-1000000}
[[ $DB =~ ^[a-z][a-z0-9_]{0,62}$ ]] || { echo "VIGIL_BENCH_DB must be a lower-case PostgreSQL name: $DB" >&2; exit 2; }
psql_admin() {
  psql -h "${VIGIL_PG_HOST:-127.0.0.1}" -p "${VIGIL_PG_PORT:-5432}" -U "${VIGIL_PG_SUPERUSER:-postgres}" -d "$DB" \
    -v ON_ERROR_STOP=1 -qtA "$@" </dev/null
}

./mvnw -B -q -pl findings-service -am test-compile
(cd findings-service && ../mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test)
java -Xmx1g -cp "findings-service/target/test-classes:findings-service/target/classes:$(cat findings-service/target/bench-classpath.txt)" \
  dev.vigil.findings.bench.ListFindingsBench --findings "$N" --accounts 1 --first-account 111111111111 \
  --database "$DB" --load-only --keep --reuse

psql_admin -f stack/pg-init.sql >/dev/null
OWNERS=$(cat <<'SQL'
DO $$
DECLARE r record;
BEGIN
  ALTER SCHEMA findings OWNER TO vigil_findings;
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'findings' AND (c.relkind IN ('r', 'v', 'm', 'p') OR c.relkind = 'S' AND NOT EXISTS
             (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
    EXECUTE format('ALTER TABLE findings.%I OWNER TO vigil_findings', r.relname);
  END LOOP;
END
$$;
SQL
)
psql_admin -c "$OWNERS" >/dev/null

VIGIL_PG_DB=$DB ./vigil up
[[ -f e2e/target/e2e.jar ]] || ./mvnw -B -q -pl e2e -am package -DskipTests
VIGIL_HOME=${VIGIL_HOME:-$ROOT/.vigil}
for f in "$VIGIL_HOME"/secrets/*; do # the demo users' password
  name=$(basename "$f")
  [[ -n ${!name:-} ]] || export "$name=$(cat "$f")"
done
exec java -cp e2e/target/e2e.jar dev.vigil.e2e.bench.ConsoleFindingsBenchmark "$@"
