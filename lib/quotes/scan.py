"""Finding quoted stretches: one left-to-right pass per paragraph that never fails on unbalanced marks.

Curly and straight double quotes, curly and straight single quotes (a ``’`` followed by a letter is an
apostrophe, as in "Russia’s" or "work’s been done"), nested quotes (the outer quote wins), and the news
convention of a quote that runs over several paragraphs: a paragraph that opens a quote and ends without closing
it continues when the next paragraph starts with an opening mark. A stray closing mark is ignored; an unclosed
double quote is closed at the end of its paragraph; an unclosed single quote is dropped (it is more often a
mistyped apostrophe than a quotation).

>>> text = "“It went well,” Dmitriev said. “We will meet again.”"
>>> [text[a:b] for a, b in quote_spans(text)]
['It went well', 'We will meet again.']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MASK", "Segment", "mask_quotes", "paragraph_end", "quote_spans", "scan_quotes"]

_MARKS = re.compile(r"[“”\"‘’']")
MASK = "\ue000"  # a private-use character: not a word character, so no regex matches inside a masked quote
_OPEN_BEFORE = set(" \t([{—–-/“‘\"'")


@dataclass(frozen=True)
class Segment:
    """One quoted stretch inside one paragraph.

    ``start``/``end`` are the quoted words (marks, surrounding spaces and a trailing comma stripped);
    ``open_mark`` is the offset of the opening mark; ``close_mark`` that of the closing mark, or ``None`` when
    the quote runs to the end of the paragraph. Segments of one multi-paragraph quote share ``group``.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    group: int

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the end of the quoted words when there is none)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def _opens_straight(text: str, i: int, line_start: int, line_end: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < line_end else " "
    return (prev in _OPEN_BEFORE or prev.isspace()) and not nxt.isspace()


def _closes_single(text: str, i: int, line_start: int, line_end: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < line_end else " "
    return not prev.isspace() and not nxt.isalnum()


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def scan_quotes(text: str) -> list[Segment]:
    """All quoted segments of ``text`` in order, one linear pass; never raises on unbalanced marks.

    >>> t = "“A,” he said. ‘B’s fine’\\n“C and\\n“D.”"
    >>> [(t[s.start:s.end], s.group) for s in scan_quotes(t)]
    [('A', 0), ('B’s fine', 1), ('C and', 2), ('D.', 2)]
    """
    segments: list[Segment] = []
    group = -1
    continuing = False  # the previous paragraph ended inside a double quote that may continue here
    lines = text.split("\n")
    line_start = 0
    for index, line in enumerate(lines):
        line_end = line_start + len(line)
        kind: str | None = None  # "“", '"', "‘" or "'"
        open_at = depth = 0
        first_mark = line_start + (len(line) - len(line.lstrip()))
        for mark in _MARKS.finditer(text, line_start, line_end):  # jump from quote mark to quote mark
            i, ch = mark.start(), mark.group()
            if kind is None:
                opened = (
                    ch == "“"
                    or (ch == '"' and _opens_straight(text, i, line_start, line_end))
                    or (ch in "‘'" and _opens_straight(text, i, line_start, line_end) and text[i + 1 : i + 2].isalnum())
                )
                if opened:
                    kind, open_at, depth = ch, i, 1
                    if not (continuing and i == first_mark and ch in '“"'):
                        group += 1
                    continuing = False
            elif kind == "“":
                depth += (ch == "“") - (ch == "”")
                if depth == 0:
                    a, b = _trim(text, open_at + 1, i)
                    if a < b:
                        segments.append(Segment(a, b, open_at, i, group))
                    kind = None
            elif (kind == '"' and ch == '"') or (
                kind in "‘'" and ch == ("’" if kind == "‘" else "'") and _closes_single(text, i, line_start, line_end)
            ):
                a, b = _trim(text, open_at + 1, i)
                if a < b:
                    segments.append(Segment(a, b, open_at, i, group))
                kind = None
        continuing = False
        if kind in ("“", '"'):  # unclosed double quote: it ends with the paragraph, and may continue in the next
            a, b = _trim(text, open_at + 1, line_end)
            if a < b:
                segments.append(Segment(a, b, open_at, None, group))
                following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
                continuing = following[:1] == kind
        line_start = line_end + 1
    return segments


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the quoted words in ``text``, without the quote marks.

    >>> t = 'He ruled it out as "not at all possible".'
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['not at all possible']
    """
    return [(s.start, s.end) for s in scan_quotes(text)]


def mask_quotes(text: str, segments: Sequence[Segment]) -> str:
    """``text`` with everything between quote marks replaced by a private-use character (same length).

    >>> mask_quotes("X said “hi there”.", scan_quotes("X said “hi there”.")) == "X said “" + "\\ue000" * 8 + "”."
    True
    """
    if not segments:
        return text
    parts, pos = [], 0
    for seg in segments:
        inner_end = seg.close_mark if seg.close_mark is not None else paragraph_end(text, seg.open_mark)
        parts += [text[pos : seg.open_mark + 1], MASK * (inner_end - seg.open_mark - 1)]
        pos = inner_end
    parts.append(text[pos:])
    return "".join(parts)


def paragraph_end(text: str, pos: int) -> int:
    """Offset of the line break that ends the paragraph holding ``pos`` (or the end of ``text``).

    >>> paragraph_end("ab\\ncd", 1), paragraph_end("ab\\ncd", 4)
    (2, 5)
    """
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
