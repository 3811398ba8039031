#!/usr/bin/env bash
# Installs every Debian package floe's build and tests need, then the npm interop checkers.
# Idempotent: when everything is present it only checks and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libyaml-cpp-dev libcli11-dev libcpp-httplib-dev
  libsqlite3-dev libcurl4-openssl-dev libssl-dev
  libzstd-dev libsnappy-dev liblz4-dev libdeflate-dev zlib1g-dev zstd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js may come from Debian or from the machine image; only install Debian's when none is there.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Interop checkers (third-party readers used by the tests), pinned by the lock file.
if [ -f tests/interop/package-lock.json ]; then
  stamp=tests/interop/node_modules/.floe-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" tests/interop/package-lock.json; then
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/interop/package-lock.json "$stamp"
  fi
fi
echo "install-deps: all present"
