#!/usr/bin/env bash
# Installs LibreOffice Calc and poppler-utils for the spreadsheet test (XLSX -> PDF -> PNG), only
# when missing. Idempotent and non-interactive; .ci/run runs every .ci/setup-*.sh before the build.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-office: ${missing[*]} missing and cannot be installed here (needs root and apt-get);" \
       "the spreadsheet rendering test will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
(soffice --version || libreoffice --version) 2>/dev/null | head -n 1
