#!/usr/bin/env bash
# Install the Debian packages broadsheet needs when they are missing:
# poppler-utils (PDF pages), the Noto CJK fonts (sample rendering and tests), AR PL UKai (the Kai
# face of the hand-typeset layout tests), and chromium + chromium-driver (the review site's browser
# test; selenium is given both paths).
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# grep reads fc-list to the end: grep -q would stop early, and under pipefail the SIGPIPE reads as "missing"
fc-list 2>/dev/null | grep "Noto Serif CJK SC" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep "AR PL UKai CN" >/dev/null || need+=(fonts-arphic-ukai)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
