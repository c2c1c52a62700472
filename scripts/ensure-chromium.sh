#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests and the
# Lighthouse script. Does nothing when it is there; otherwise installs the Debian package
# when this user is root or may use sudo without a password; otherwise fails and prints the
# command to run. Never downloads a browser of its own (no `playwright install`).
set -euo pipefail

CHROMIUM="${KF_CHROMIUM:-/usr/bin/chromium}"
COMMAND="apt-get update && apt-get install -y chromium"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not a Debian-like system." >&2
  echo "Install Chromium so that it is at $CHROMIUM (or set KF_CHROMIUM to its path)." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-chromium: the browser tests need Debian's Chromium at $CHROMIUM." >&2
  echo "Install it as root:  sudo sh -c '$COMMAND'" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package (for the browser tests)" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium was installed but $CHROMIUM is still missing." >&2
  exit 1
fi
