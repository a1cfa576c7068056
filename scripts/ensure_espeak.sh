#!/usr/bin/env bash
# Text to speech for the AI tests and the benchmark: Debian's espeak-ng (run as a program).
set -euo pipefail
if command -v espeak-ng >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "espeak-ng is missing. Install it with: sudo apt-get install espeak-ng" >&2
  exit 1
fi
echo "Installing Debian's espeak-ng for text to speech..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null
command -v espeak-ng
