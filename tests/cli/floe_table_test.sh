#!/usr/bin/env bash
# `floe table`, `floe write`, `floe read` and `floe snapshots` as a user drives them: tables made
# from files, reads with projection, filters and time travel, and bad input refused with a
# one-line error that leaves the table as it was.
set -euo pipefail
floe="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs floe expecting failure; checks the error is one line containing $1.
expect_error() {
  local want="$1"; shift
  set +e
  local err rc
  err="$("$floe" "$@" 2>&1 >/dev/null)"; rc=$?
  set -e
  [ "$rc" -ne 0 ] || fail "floe $* succeeded"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "error of 'floe $*' is not one line: $err"
  [[ "$err" == *"$want"* ]] || fail "error of 'floe $*' lacks '$want': $err"
}
rows() { "$floe" read "$@" --format csv | tail -n +2 | wc -l; }

printf 'id,name,ts,amount\n1,a,2024-01-01T10:00:00Z,1.5\n2,b,2024-01-02T10:00:00Z,2.5\n3,,2024-01-02T11:00:00Z,3.5\n' > day1.csv
printf '{"id": 4, "name": "d", "ts": "2024-01-03T09:00:00Z", "amount": 4.5}\n{"id": 5, "name": "e", "ts": "2024-01-03T10:00:00Z", "amount": null}\n' > more.jsonl

# The table is created from the CSV's schema, partitioned by day.
"$floe" write bronze.events day1.csv --partition-by 'day(ts)' --json > out.json
grep -q '"num_rows":3' out.json || fail "write --json: $(cat out.json)"
grep -q '"write_mode":"append"' out.json || fail "write mode: $(cat out.json)"
"$floe" table list bronze | grep -qx bronze.events || fail "table list"
"$floe" table describe bronze.events | grep -q "ts_day = day(ts)" || fail "describe partitioning"
ls warehouse/bronze.db/events/data | grep -q "ts_day=2024-01-02" || fail "partition folders"
first_snapshot="$("$floe" snapshots bronze.events --json | grep -o '"snapshot_id": *[0-9]*' | head -1 | grep -o '[0-9]*$')"
sleep 0.01
"$floe" write bronze.events more.jsonl >/dev/null
[ "$(rows bronze.events)" -eq 5 ] || fail "5 rows after the append"
[ "$(rows bronze.events --snapshot "$first_snapshot")" -eq 3 ] || fail "time travel by snapshot id"
[ "$("$floe" snapshots bronze.events --json | grep -c '"snapshot_id"')" -eq 2 ] || fail "two snapshots"

# Projection, filters, limits and formats.
[ "$("$floe" read bronze.events --columns id,name --where 'id >= 4' --format csv)" = $'id,name\n4,d\n5,e' ] ||
  fail "projection and filter: $("$floe" read bronze.events --columns id,name --where 'id >= 4' --format csv)"
[ "$("$floe" read bronze.events --columns id --where 'name is null' --format jsonl)" = '{"id":3}' ] || fail "is null"
[ "$(rows bronze.events --limit 2)" -eq 2 ] || fail "--limit"
"$floe" read bronze.events --format table | grep -q "(5 rows)" || fail "table output"
"$floe" read bronze.events --format parquet -o all.parquet
[ -s all.parquet ] || fail "parquet output"
"$floe" write bronze.copy all.parquet >/dev/null
[ "$(rows bronze.copy)" -eq 5 ] || fail "a table made from floe's own Parquet"

# Overwrite of the rows matching a filter: day 2 replaced, the other days kept.
printf 'id,name,ts,amount\n20,x,2024-01-02T12:00:00Z,9.5\n' > day2.csv
"$floe" write bronze.events day2.csv --mode overwrite --where "ts >= '2024-01-02T00:00:00Z' and ts < '2024-01-03T00:00:00Z'" >/dev/null
[ "$("$floe" read bronze.events --columns id --format csv | tail -n +2 | sort -n | tr '\n' ' ')" = "1 4 5 20 " ] ||
  fail "overwrite by filter: $("$floe" read bronze.events --columns id --format csv)"

# Bad input: one-line errors, and the table unchanged.
before="$("$floe" snapshots bronze.events --json | grep -c snapshot_id)"
printf 'id,name,ts,amount\n7,g,2024-01-05T00:00:00Z,lots\n' > bad.csv
expect_error 'bad.csv line 2, column "amount": "lots"' write bronze.events bad.csv
printf 'id,color\n7,red\n' > extra.csv
expect_error 'color' write bronze.events extra.csv
expect_error "no column 'nope'" read bronze.events --columns id,nope
expect_error "nope" read bronze.events --where 'nope = 1'
expect_error "nope" write bronze.events day2.csv --mode overwrite --where 'nope = 1'
expect_error "filter: at position" read bronze.events --where 'id >'
expect_error "table bronze.missing does not exist" read bronze.missing
expect_error "table bronze.missing does not exist" snapshots bronze.missing
[ "$("$floe" snapshots bronze.events --json | grep -c snapshot_id)" -eq "$before" ] || fail "a failed write made a snapshot"
[ "$(rows bronze.events)" -eq 4 ] || fail "a failed write changed the rows"
leftovers="$(find warehouse/bronze.db/events/data -name '*.parquet' | wc -l)"

# A corrupt metadata file is named in a one-line error.
"$floe" table create bronze.broken --schema 'id long not null, name string' >/dev/null
meta="$(ls warehouse/bronze.db/broken/metadata/*.metadata.json)"
echo '{"format-version": 2, "table-uuid": ' > "$meta"
expect_error "$meta" read bronze.broken
expect_error "corrupt file" table describe bronze.broken

# Dropping with --purge removes the files.
"$floe" table drop bronze.copy --purge >/dev/null
[ -z "$(find warehouse/bronze.db/copy -type f 2>/dev/null)" ] || fail "purge left files"
expect_error "does not exist" table describe bronze.copy
echo "floe table commands: OK ($leftovers data files)"
