"""Markup helpers: elements with the data attributes the measuring script reads.

A *leaf* is an element whose text lines are measured: ``data-k`` names its
block type, ``data-b`` the block it belongs to (leaves with one key make one
block), ``data-art`` its article and ``data-flow`` the article whose body it
continues (a flow is cut into one block per column run when measured).
"""

from __future__ import annotations

from html import escape


def attrs(**values: str | int | float | None) -> str:
    """`` name="value"`` pairs (``data_k`` is written ``data-k``); ``None`` values left out."""
    return "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in values.items() if v is not None)


def el(tag: str, inner: str = "", cls: str | None = None, style: str | None = None, **data: str | int | None) -> str:
    """One element; ``inner`` is markup."""
    return f"<{tag}{attrs(**{'class': cls, 'style': style}, **data)}>{inner}</{tag}>"


def leaf(
    tag: str,
    text: str,
    kind: str,
    block: str,
    art: str | None = None,
    cls: str | None = None,
    style: str | None = None,
    flow: str | None = None,
) -> str:
    """A measured element holding plain ``text``."""
    return el(tag, escape(text), cls, style, data_k=kind, data_b=block, data_art=art, data_flow=flow)
