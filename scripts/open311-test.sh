#!/usr/bin/env bash
# Open311 GeoReport v2 conformance of the citizen endpoint: the `georeport` client (PyPI) and hand-written
# POSTs against a small demo city served by the built `vigie`; installs georeport, requests and xmltodict
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import georeport, requests, xmltodict" 2>/dev/null || python3 -m pip install -q georeport requests xmltodict
python3 Tests/Open311/conformance_test.py "$(swift build --show-bin-path)/vigie"
