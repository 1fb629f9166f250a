#!/usr/bin/env bash
# The browser test drives Debian's chromium (not a browser downloaded by Playwright).
# `make test` runs this: it installs chromium when it is missing, as root or through sudo.
set -euo pipefail
if [ -n "${KG_CHROMIUM:-}" ] && [ -x "${KG_CHROMIUM}" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no chromium and no apt-get; install Chromium and set KG_CHROMIUM=/path/to/chromium" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: chromium is missing; run 'apt-get install chromium' as root" >&2; exit 1
  fi
fi
echo "install-browser: installing Debian's chromium (for the browser test)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium
