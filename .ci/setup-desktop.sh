#!/usr/bin/env bash
# Installs the few system libraries JavaFX needs to render text headless (Monocle, software
# rendering: no X11, no GTK) for the desktop tests and `costflow desktop --screenshot`, only when
# missing. Idempotent and non-interactive; .ci/run runs every .ci/setup-*.sh before the build.
set -euo pipefail

missing=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libfreetype6 libfontconfig1 fontconfig fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-desktop: ${missing[*]} missing and cannot be installed here (needs root and apt-get);" \
       "the headless desktop tests may fail to render text" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-desktop: installed ${missing[*]}"
