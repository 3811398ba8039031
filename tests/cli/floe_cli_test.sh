#!/usr/bin/env bash
# Drives the floe binary as a user would: exit codes, stdout, and one-line errors on stderr.
set -euo pipefail
floe="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$floe" namespace create bronze -p owner=me >/dev/null
"$floe" namespace create bronze.raw >/dev/null
[ "$("$floe" namespace list)" = "bronze" ] || fail "list"
[ "$("$floe" namespace list bronze --json)" = '["bronze.raw"]' ] || fail "list --json"
[ -f warehouse/catalog.db ] || fail "embedded catalog not under ./warehouse"
"$floe" --warehouse other namespace create x >/dev/null
[ -f other/catalog.db ] || fail "--warehouse"
"$floe" namespace describe bronze | grep -q "owner = me" || fail "describe"

set +e
err="$("$floe" namespace describe nope 2>&1 >/dev/null)"; rc=$?
set -e
[ "$rc" -ne 0 ] || fail "describe of a missing namespace succeeded"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "error is not one line: $err"
[[ "$err" == "floe: not found: namespace nope does not exist" ]] || fail "error text: $err"

printf 'catalog:\n  default:\n    warehouse: fromfile\n' > floe.yaml
"$floe" namespace create y >/dev/null
[ -f fromfile/catalog.db ] || fail "floe.yaml warehouse"
FLOE_CATALOG__DEFAULT__URI="sqlite:///$work/env.db" "$floe" namespace create z >/dev/null
[ -f env.db ] || fail "FLOE_CATALOG__DEFAULT__URI"
echo "floe cli: OK"
