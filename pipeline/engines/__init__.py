"""OCR engines behind one protocol; see :mod:`pipeline.engines.registry`."""
