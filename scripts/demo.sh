#!/usr/bin/env bash
# Builds Vigie and runs the demo city on the embedded SQLite store; extra arguments go to `vigie demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh
swift build -c release --product vigie
exec .build/release/vigie demo "$@"
