#!/usr/bin/env bash
# A font with Chinese glyphs for what the server draws (previews, and later PDF minutes and
# reports): Debian's WenQuanYi Micro Hei (about 5 MB, Latin and CJK in one file).
set -euo pipefail
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ -f "$FONT" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "A CJK font is missing. Install it with: sudo apt-get install fonts-wqy-microhei" >&2
  echo "(or set AIPLUS_CJK_FONT to any .ttf/.ttc/.otf with Chinese glyphs)" >&2
  exit 0  # the hub still runs; previews fall back to Latin-only text
fi
echo "Installing Debian's fonts-wqy-microhei for Chinese text in previews and reports..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
ls "$FONT"
