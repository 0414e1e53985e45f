#!/usr/bin/env bash
# The browser tests: headless Chromium (Debian's chromium and chromium-driver) driven by selenium (PyPI)
# against a served demo city: the observatory's pages, the citizen side, then video; installs what it needs when
# missing. Screenshots go to .build/test-artefacts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh chromium chromium-driver
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
rm -rf .build/test-artefacts
python3 Tests/Browser/map_test.py "$(swift build --show-bin-path)/vigie" .build/test-artefacts
python3 Tests/Browser/citizen_test.py "$(swift build --show-bin-path)/vigie" .build/test-artefacts
python3 Tests/Browser/video_test.py "$(swift build --show-bin-path)/vigie" .build/test-artefacts
