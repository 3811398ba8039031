#!/usr/bin/env bash
# Installs the built floe into a temporary prefix, builds tests/install/consumer against it
# with find_package(floe), runs it, and checks its output (and that the secret stays hidden).
set -euo pipefail
build_dir="$1"
src_dir="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$src_dir/consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build"
out="$("$work/build/consumer")"
echo "$out"
grep -q "uri=http://127.0.0.1:8181/api/catalog" <<<"$out"
grep -q "client_secret=\*\*\*\*\*\*\*\*\*\*" <<<"$out"
if grep -q "do-not-print-me" <<<"$out"; then echo "secret leaked" >&2; exit 1; fi
test -x "$work/prefix/bin/floe"
echo "find_package(floe) consumer: OK"
