"""Domain knowledge as data files (word lists, valences, fitted weights), and the reader for tables of values.

Every file here starts with a short provenance header of ``#`` lines (where the data came from, how it was
made, how to change it). Word lists (one word a line, then its uses) are read with
:func:`lib.text.read_tagged_words`; tables of values (tab-separated, the first non-comment row is the header,
a line whose first non-blank character is ``#`` is a comment) with :func:`read_table`.

>>> read_table("news_lexicon.txt")[0]
('word', 'valence')
"""

from __future__ import annotations

from pathlib import Path

from lib.errors import ResourceMissing

__all__ = ["RESOURCES", "read_table"]

RESOURCES = Path(__file__).resolve().parent
_FIX = "fix that line, or restore the file with `git checkout lib/resources`"


def _data_lines(name: str) -> list[tuple[int, str]]:
    """``(line number, line)`` for the non-blank, non-comment lines of resource file ``name``."""
    path = RESOURCES / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ResourceMissing(f"The resource file {path} cannot be read ({err.strerror}); {_FIX}.") from None
    return [(k, line.rstrip("\r")) for k, line in enumerate(text.split("\n"), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def read_table(name: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """``(header, rows)`` of a tab-separated resource file; every row has as many fields as the header.

    >>> header, rows = read_table("target_weights.txt")
    >>> header[:2], len(rows)
    (('class', 'intercept'), 3)
    """
    lines = _data_lines(name)
    if not lines:
        raise ResourceMissing(f"The resource file {RESOURCES / name} has no header row; {_FIX}.")
    header = tuple(cell.strip() for cell in lines[0][1].split("\t"))
    rows = []
    for number, line in lines[1:]:
        row = tuple(cell.strip() for cell in line.split("\t"))
        if len(row) != len(header):
            raise ResourceMissing(
                f"{RESOURCES / name} line {number} has {len(row)} fields, the header {len(header)}; {_FIX}."
            )
        rows.append(row)
    return header, rows
