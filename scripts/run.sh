#!/usr/bin/env bash
# Builds and runs the server on the embedded SQLite database with demo data; the console is at
# http://localhost:8080. Extra arguments go to `switchboard serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh libsqlite3-dev libssl-dev libcurl4-openssl-dev pkg-config

swift build -c release --product switchboard
exec .build/release/switchboard serve --demo --port 8080 "$@"
