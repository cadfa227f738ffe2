"""Corpus text as HTML with some spans marked: escape first, then mark, in one place.

Article text is untrusted. Every piece of it is passed through :func:`html.escape` before the marks are put
around it, so a ``<script>`` in an article is shown as text, never run. Nothing else in the explorer turns
corpus text into HTML.

>>> highlight("a <b> c", [(2, 5, "hit")])
'a <mark class="hit">&lt;b&gt;</mark> c'
"""

from __future__ import annotations

import html
from collections.abc import Iterable

__all__ = ["highlight", "MARK_STYLE"]

# Inline styles only (the report pages forbid scripts and outside resources).
MARK_STYLE = {
    "hit": "background:#ffe066",
    "actor": "background:#cfe3ff",
}


def highlight(text: str, spans: Iterable[tuple[int, int, str]], *, styled: bool = False) -> str:
    """``text`` escaped, with each ``(start, end, kind)`` span wrapped in ``<mark class="kind">``.

    Spans are clipped to the text; where spans overlap, the one that starts first wins and the others are cut
    where it ends (marks never nest). ``styled=True`` adds the inline style of ``MARK_STYLE[kind]``.

    >>> highlight("Putin met Trump", [(10, 15, "actor"), (0, 5, "hit")])
    '<mark class="hit">Putin</mark> met <mark class="actor">Trump</mark>'
    >>> highlight("x", [(0, 1, 'a" onmouseover="alert(1)')])
    '<mark class="a&quot; onmouseover=&quot;alert(1)">x</mark>'
    """
    out, cursor = [], 0
    for start, end, kind in sorted((max(0, int(a)), min(len(text), int(b)), str(k)) for a, b, k in spans):
        start = max(start, cursor)
        if end <= start:
            continue
        out.append(html.escape(text[cursor:start]))
        style = f' style="{html.escape(MARK_STYLE.get(kind, ""))}"' if styled else ""
        out.append(f'<mark class="{html.escape(kind)}"{style}>{html.escape(text[start:end])}</mark>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
