#!/usr/bin/env bash
# Install the Debian packages broadsheet needs when they are missing:
# poppler-utils (PDF pages), the Noto CJK fonts (sample rendering and tests), the Kai, Ming,
# calligraphic and display faces of the wide sample family and the hand-typeset layout tests
# (scripts/samplegen/fonts.py names the file each face needs), and chromium + chromium-driver
# (the review site's browser test; selenium is given both paths).
# Idempotent: a package is installed only when the file it provides is absent.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
fonts=/usr/share/fonts/truetype
[ -f "$fonts/arphic/uming.ttc" ] || need+=(fonts-arphic-uming)
[ -f "$fonts/arphic/ukai.ttc" ] || need+=(fonts-arphic-ukai)
[ -f "$fonts/wqy/wqy-zenhei.ttc" ] || need+=(fonts-wqy-zenhei)
[ -f "$fonts/lxgw-wenkai/LXGWWenKai-Regular.ttf" ] || need+=(fonts-lxgw-wenkai)
[ -f "$fonts/smiley-sans/SmileySans-Oblique.ttf" ] || need+=(fonts-smiley-sans)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
