#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard test (headless page rendering), only when missing.
# Idempotent and non-interactive; .ci/run runs every .ci/setup-*.sh before the build.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: chromium is missing and cannot be installed here (needs root and apt-get);" \
       "the dashboard browser test will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
