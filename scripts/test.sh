#!/usr/bin/env bash
# The whole test suite: the Swift test targets (unit and store tests), then the Python tests:
# conformance with graphql-core, end-to-end tests that start the real server and speak HTTP and
# WebSocket, and browser tests of the operator console (Selenium driving headless Chromium).
# Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh libsqlite3-dev libssl-dev libcurl4-openssl-dev pkg-config python3 python3-venv chromium chromium-driver

swift build --build-tests
swift test --skip-build

VENV=.venv-tests
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r Tests/conformance/requirements.txt -r Tests/browser/requirements.txt
"$VENV/bin/python" -m pytest -q Tests/conformance Tests/e2e Tests/browser
