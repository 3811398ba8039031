#!/usr/bin/env bash
# Quick start: installs what is missing, builds floe, and runs the main job (`floe demo`) on
# the embedded default catalog under ./warehouse.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target floe
./build/src/floe/floe demo --warehouse warehouse
