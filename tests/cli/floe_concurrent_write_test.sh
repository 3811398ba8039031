#!/usr/bin/env bash
# Two processes appending to one table at once: every row of both lands, none twice. Lost
# commit races are retried (the catalog's compare-and-swap refuses the loser, which rebases).
set -euo pipefail
floe="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$floe" table create db.events --schema 'id long not null, writer string' >/dev/null 2>&1 ||
  { "$floe" namespace create db >/dev/null; "$floe" table create db.events --schema 'id long not null, writer string' >/dev/null; }
writer() {
  local name="$1" base="$2"
  for round in $(seq 0 9); do
    local f="$name-$round.csv"
    { echo "id,writer"; for i in $(seq 0 9); do echo "$((base + round * 10 + i)),$name"; done; } > "$f"
    FLOE_LOG_LEVEL=info "$floe" write db.events "$f" >/dev/null 2>>"$name.log"
  done
}
writer a 0 &
pa=$!
writer b 1000 &
pb=$!
wait "$pa" || fail "writer a failed: $(cat a.log)"
wait "$pb" || fail "writer b failed: $(cat b.log)"
"$floe" read db.events --columns id --format csv | tail -n +2 | sort -n > ids.txt
[ "$(wc -l < ids.txt)" -eq 200 ] || fail "expected 200 rows, got $(wc -l < ids.txt)"
[ "$(sort -u ids.txt | wc -l)" -eq 200 ] || fail "duplicate rows"
expected="$( (seq 0 99; seq 1000 1099) | sort -n)"
[ "$(cat ids.txt)" = "$expected" ] || fail "rows differ from what was written"
[ "$("$floe" snapshots db.events --json | grep -c '"snapshot_id"')" -eq 20 ] || fail "20 snapshots"
retries="$(cat a.log b.log | grep -c 'lost a race' || true)"
echo "two writers: 200 rows, 20 snapshots, $retries commit retries: OK"
