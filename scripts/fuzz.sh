#!/usr/bin/env bash
# Builds one libFuzzer target with clang under ASan+UBSan and runs it for a while.
#
#   scripts/fuzz.sh metadata_json_fuzz 180      # target name, seconds (default 120)
#
# Seeds come from fuzz/corpus/<target>/ (if present) and are copied into build-fuzz/corpus/.
# A crash leaves its input in build-fuzz/ (crash-*) and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
seconds="${2:-120}"
./scripts/install-deps.sh
# libFuzzer needs clang; clang 16 is the first of Debian 12's to compile libstdc++'s <expected>.
if ! command -v clang++-16 >/dev/null || [ ! -d /usr/lib/llvm-16/lib/clang/16/lib/linux ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang-16 libclang-rt-16-dev
fi
CC=clang-16 CXX=clang++-16 cmake -S . -B build-fuzz -G Ninja -DFLOE_BUILD_FUZZ=ON -DFLOE_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "$target"
corpus="build-fuzz/corpus/$target"
mkdir -p "$corpus"
if [ -d "fuzz/corpus/$target" ]; then cp -n fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true; fi
# Extra seeds from files elsewhere (e.g. the shared fixture tables), never committed:
#   FLOE_FUZZ_SEEDS="../shared/fixtures/**/*.metadata.json" scripts/fuzz.sh metadata_json_fuzz
if [ -n "${FLOE_FUZZ_SEEDS:-}" ]; then
  shopt -s globstar nullglob
  for f in $FLOE_FUZZ_SEEDS; do cp "$f" "$corpus/seed-$(basename "$f")"; done
fi
cd build-fuzz
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "./fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "corpus/$target"
