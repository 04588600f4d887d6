#!/usr/bin/env bash
# Install the Debian packages broadsheet needs when they are missing:
# poppler-utils (PDF pages), the Noto CJK fonts (sample rendering and tests), and
# chromium + chromium-driver (the review site's browser test; selenium is given both paths).
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || need+=(fonts-noto-cjk)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
