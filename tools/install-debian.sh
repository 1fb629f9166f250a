#!/usr/bin/env bash
# Installs a Debian package that a test needs, when its command is missing, as root or through sudo.
# `make test` runs this for Debian's chromium (the browser test; not a browser downloaded by
# Playwright) and Debian's Virtuoso (the Virtuoso store test).
#   tools/install-debian.sh COMMAND PACKAGE PURPOSE [ENV_VAR]
# ENV_VAR, when set to an executable, stands for COMMAND (KG_CHROMIUM=/path/to/chromium).
set -euo pipefail
COMMAND="$1"; PACKAGE="$2"; PURPOSE="$3"; OVERRIDE="${4:-}"
if [ -n "$OVERRIDE" ] && [ -n "${!OVERRIDE:-}" ] && [ -x "${!OVERRIDE}" ]; then exit 0; fi
if command -v "$COMMAND" >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-debian: no $COMMAND and no apt-get; install $PACKAGE for $PURPOSE${OVERRIDE:+, or set $OVERRIDE}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-debian: $COMMAND is missing; run 'apt-get install $PACKAGE' as root" >&2; exit 1
  fi
fi
echo "install-debian: installing Debian's $PACKAGE (for $PURPOSE)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null
command -v "$COMMAND"
