#!/usr/bin/env bash
# Installs the Debian packages Vigie needs, and any named as arguments, when they are missing; does nothing
# when all are there.
set -euo pipefail
needed=(libsqlite3-dev sqlite3 tzdata libjs-leaflet libjs-leaflet.markercluster libjs-chart.js ffmpeg "$@")
missing=()
for package in "${needed[@]}"; do
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
