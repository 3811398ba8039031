#!/usr/bin/env bash
# `floe read` of the Iceberg tables Spark, Iceberg Java and Athena wrote ($FLOE_FIXTURES), with
# their s3 locations mapped to the local copy (--map-prefix): 20, 15, 4 and 2 live rows.
set -euo pipefail
floe="$1"
if [ -z "${FLOE_FIXTURES:-}" ] || [ ! -d "$FLOE_FIXTURES/icebird-test-files/hyperparam-iceberg" ]; then
  echo "SKIP: FLOE_FIXTURES is not set or holds no icebird-test-files; fixture tables not read"
  exit 0
fi
root="$(cd "$FLOE_FIXTURES/icebird-test-files/hyperparam-iceberg" && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
count() {
  "$floe" read "$root/$1/metadata/$2" --map-prefix "s3://hyperparam-iceberg/=$root/" \
    --map-prefix "s3a://hyperparam-iceberg/=$root/" --format jsonl | wc -l
}
[ "$(count spark/bunnies v5.metadata.json)" -eq 20 ] || fail "spark/bunnies: $(count spark/bunnies v5.metadata.json) rows"
[ "$(count java/bunnies v5.metadata.json)" -eq 15 ] || fail "java/bunnies: $(count java/bunnies v5.metadata.json) rows"
[ "$(count spark/rename_column v3.metadata.json)" -eq 4 ] || fail "spark/rename_column"
[ "$(count athena/example 00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json)" -eq 2 ] || fail "athena/example"
# A filter and a projection on a fixture table.
out="$("$floe" read "$root/spark/rename_column/metadata/v3.metadata.json" --map-prefix "s3a://hyperparam-iceberg/=$root/" \
  --map-prefix "s3://hyperparam-iceberg/=$root/" --columns id,event_date --where 'id >= 3' --format csv)"
[ "$(printf '%s\n' "$out" | head -1)" = "id,event_date" ] || fail "projection: $out"
[ "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 2 ] || fail "filter: $out"
echo "fixture tables through floe read: 20, 15, 4, 2 rows: OK"
