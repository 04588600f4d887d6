"""Newspaper layout analysis: rules, photos, columns, block roles, articles and paragraphs.

The stages in :mod:`pipeline.stages` (segment, classify, assemble) call into these
small modules; each one knows one typesetting fact and nothing about the others'
internals. Everything here works in the deskewed working frame.
"""
