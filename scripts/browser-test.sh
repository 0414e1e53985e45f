#!/usr/bin/env bash
# The browser test: headless Chromium (Debian's chromium and chromium-driver) driven by selenium (PyPI)
# against a served demo city; installs what it needs when missing. Screenshots go to .build/test-artefacts.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for package in chromium chromium-driver; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
rm -rf .build/test-artefacts
python3 Tests/Browser/map_test.py "$(swift build --show-bin-path)/vigie" .build/test-artefacts
