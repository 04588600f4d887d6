"""Serialisations of schemas.Page: JSON, Markdown, and the archive formats."""
