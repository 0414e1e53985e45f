#!/usr/bin/env bash
# Runs Vigie's whole test suite, installing what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh
swift build --build-tests
swift test --skip-build
scripts/browser-test.sh
scripts/api-test.sh
scripts/open311-test.sh
