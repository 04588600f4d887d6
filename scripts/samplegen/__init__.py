"""Synthetic broadsheet pages with exact ground truth, for tests and benchmarks.

The package typesets Chinese newspaper pages (``layout``), paints them
(``render``), ages them like a scan (``degrade``) and describes them as
``schemas.Page`` ground truth (``truth``). ``scripts/make_samples.py`` is the
command line entry point.
"""
