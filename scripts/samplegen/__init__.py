"""Synthetic broadsheet pages with exact ground truth, for tests and benchmarks.

The package typesets Chinese newspaper pages (``layout``), paints them
(``render``), ages them like a scan (``degrade``) and describes them as
``schemas.Page`` ground truth (``truth``). ``scripts/make_samples.py`` is the
command line entry point.

Two families of horizontal pages: *classic* (``layout``, ``article``, ``module``:
the committed samples) and *wide* (``wide_page`` with ``wide_plan``,
``wide_module``, ``wide_text``, ``wide_ads``, ``heading`` and ``wordbank``): far
more varied pages for layout that must hold on pages typeset elsewhere.
"""
