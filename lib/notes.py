"""Sentences in a report that fit the corpus: facts computed from the data, remarks about the bundled story in
a marked box shown only on that corpus, and one sentence instead of an empty table or figure.

>>> print(escape("*Smith* <b>"))
\\*Smith\\* &lt;b&gt;
>>> bundled_note("Five articles.", corpus="~/news") is None
True
>>> show_table(pd.DataFrame(columns=["a"]), empty="No rows: lower min_count.").text
'No rows: lower min_count.'
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from lib import paths

__all__ = ["BOX_STYLE", "Note", "banner", "bundled_note", "escape", "is_flat", "nothing_to_show", "say", "show_table"]

BOX_STYLE = ("border:2px solid #c9a227;background:#fff8e1;border-radius:6px;padding:.6rem 1rem;margin:.6rem 0;"
             "color:#3d3000")  # the "on the bundled corpus" box: visibly set apart from the analysis
EMPTY_STYLE = "border-left:4px solid #888;background:#f4f4f4;padding:.4rem .8rem;margin:.4rem 0;color:#333"
SAY_STYLE = "margin:.4rem 0"
INFO_STYLE = "border-left:4px solid #3b6ea8;background:#eef4fb;padding:.4rem .8rem;margin:.4rem 0;color:#1d3350"
WARNING_STYLE = ("border:2px solid #e0a040;background:#fff4e5;border-radius:6px;padding:.4rem .8rem;margin:.4rem 0;"
                 "color:#4a2c00")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(text) -> str:
    """Corpus text made safe inside our markdown: HTML escaped and markdown punctuation backslashed, so a name
    such as ``*Smith*`` or ``<script>`` prints as written.

    >>> escape("a_b [c](d)")
    'a\\\\_b \\\\[c\\\\]\\\\(d\\\\)'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True))


def _html(markdown: str) -> str:
    import mistune  # installed with nbconvert; imported here so `import lib.notes` stays light

    return mistune.html(markdown).strip()


class Note:
    """A short piece of report text: ``text`` (markdown) rendered as HTML in a styled block, as markdown, or as
    plain text; ``kind`` is ``bundled``, ``empty``, ``say``, ``info`` or ``warning`` (also the CSS class, for
    tests and styling)."""

    def __init__(self, text: str, *, kind: str, style: str, title: str = "") -> None:
        self.text, self.kind, self.style, self.title = text, kind, style, title

    def _repr_html_(self) -> str:
        head = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return f'<div class="note-{self.kind}" style="{self.style}">{head}{_html(self.text)}</div>'

    def _repr_markdown_(self) -> str:
        return (f"**{self.title}** " if self.title else "") + self.text

    def __repr__(self) -> str:
        return (f"[{self.title}] " if self.title else "") + self.text


def bundled_note(markdown: str, *, corpus, title: str = "On the bundled corpus") -> Note | None:
    """A marked box of remarks about the bundled story, or ``None`` (nothing shown) for any other corpus.
    Write it as the last expression of a cell: Jupyter displays the box, and ``None`` shows nothing.

    >>> bundled_note("The Witkoff talks.", corpus="data/corpus").kind
    'bundled'
    """
    return Note(markdown, kind="bundled", style=BOX_STYLE, title=title) if paths.is_bundled(corpus) else None


def banner(text: str, *, warning: bool = False) -> Note | None:
    """A plain-text sentence for the top of a report (escaped here: it may name files of the corpus), as a
    notice (``kind="info"``) or a warning (``kind="warning"``); ``None`` (nothing shown) for empty text.

    >>> banner("Built from the corpus: 3 actors.").kind, banner("Fits badly.", warning=True).kind, banner("")
    ('info', 'warning', None)
    """
    if not str(text).strip():
        return None
    kind, style = ("warning", WARNING_STYLE) if warning else ("info", INFO_STYLE)
    return Note(_code_spans(str(text)), kind=kind, style=style)


def _code_spans(text: str) -> str:
    """Plain text escaped for markdown, except that `backticked` parts become code spans (a command to type);
    code spans are escaped by the markdown renderer itself.

    >>> print(_code_spans("Run `-p actors a_b.csv` for *x*."))
    Run `` -p actors a_b.csv `` for \\*x\\*.
    """
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no code span
        return escape(text)
    return "".join(escape(p) if i % 2 == 0 else f"`` {p} ``" for i, p in enumerate(parts))


def nothing_to_show(reason: str) -> Note:
    """One sentence instead of an empty table or figure: why there is nothing, and what to change.

    >>> nothing_to_show("No actor is quoted: lower min_units.").kind
    'empty'
    """
    return Note(reason, kind="empty", style=EMPTY_STYLE)


def say(markdown: str) -> Note:
    """A sentence of facts computed from the data (escape corpus text with :func:`escape` first).

    >>> say(f"The corpus has {3} articles from {escape('The *Times*')}.").text
    'The corpus has 3 articles from The \\\\*Times\\\\*.'
    """
    return Note(markdown, kind="say", style=SAY_STYLE)


def show_table(frame: pd.DataFrame, *, empty: str, rows: int | None = None):
    """``frame`` (its first ``rows`` rows) when it has any row, else :func:`nothing_to_show` with ``empty``."""
    if frame is None or len(frame) == 0:
        return nothing_to_show(empty)
    return frame if rows is None else frame.head(rows)


def is_flat(values, *, tolerance: float = 1e-9) -> bool:
    """True when a figure of ``values`` would show nothing: no finite value, or all of them within
    ``tolerance`` of zero (an all-zero heat map, bars of zero, an axis from -0.04 to 0.04 at tolerance 0.05).

    >>> is_flat([0, 0, np.nan]), is_flat([0.01, -0.02], tolerance=0.05), is_flat([0, 3])
    (True, True, False)
    """
    array = np.asarray(values.to_numpy(dtype=float) if hasattr(values, "to_numpy") else values, dtype=float)
    finite = array[np.isfinite(array)]
    return finite.size == 0 or bool(np.all(np.abs(finite) <= tolerance))
