"""CSS font stacks of the faces a browser-set page uses (all from /usr/share/fonts).

Each stack ends in a face that prints every character of the texts, so the browser
falls back glyph by glyph where a display face (Smiley Sans, a Kai) lacks one.
"""

from __future__ import annotations

SONG = '"Noto Serif CJK SC", "AR PL UMing CN", serif'
MING = '"AR PL UMing CN", "Noto Serif CJK SC", serif'
HEI = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'
ZENHEI = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif'
KAI = '"AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC", serif'
WENKAI = '"LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC", serif'
SMILEY = '"Smiley Sans", "Noto Sans CJK SC", sans-serif'

BODY = (SONG, SONG, SONG, MING)
"""Body text: Song (Ming) in most papers."""
HEADLINE = ((HEI, 700), (HEI, 900), (SONG, 700), (SONG, 900), (KAI, 400), (WENKAI, 700), (SMILEY, 400), (ZENHEI, 400))
"""Headline faces and weights: bold Hei and Song, Kai, a calligraphic face, a display face."""
SMALL = ((SONG, 400), (HEI, 400), (KAI, 400), (WENKAI, 400), (SONG, 700), (HEI, 700), (MING, 400))
"""Kickers, subheadlines and captions."""
