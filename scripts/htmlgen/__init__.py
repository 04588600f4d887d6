"""Newspaper pages typeset by a real browser, with exact ground truth.

    python scripts/htmlgen --pages 8 --seed 700000 --out DIR

Pages are set as HTML/CSS (``page``, ``article``, ``heading``, ``ads``) from a
seeded plan (``plan``): a CSS grid of 4-9 columns cut into modules, body text in
CSS columns, headings, photos (``photo``), display ads, a classified box, photo
news, header and footer, in the fonts of /usr/share/fonts. Debian's headless
chromium (``headless.browser``) breaks the lines, sets the columns and takes the
screenshot at 200 or 300 dpi (``render``); ``collect.js`` cuts the text at each
module's box and measures every printed line; ``truth`` turns that into a
``schemas.Page`` like ``samplegen.truth``'s, and ``make`` ages the scan with
``samplegen.degrade`` and writes ``html-<seed>.jpg`` and ``html-<seed>.gt.json``.
``scripts/bench_html.py`` scores the pipeline on a fresh set of such pages.
"""
