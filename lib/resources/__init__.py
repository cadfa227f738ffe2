"""Domain knowledge as data files (word lists, valences, fitted weights), and the two readers for them.

Every file here starts with a short provenance header of ``#`` lines (where the data came from, how it was
made, how to change it); a line whose first non-blank character is ``#`` is a comment anywhere in a file.
Two layouts:

- **sections**: ``[name]`` lines open a section; entries are separated by whitespace or newlines
  (:func:`read_sections`);
- **tables**: tab-separated rows, the first non-comment row is the header (:func:`read_table`).

>>> read_table("news_lexicon.txt")[0]
('word', 'valence')
"""

from __future__ import annotations

from pathlib import Path

from lib.errors import ResourceMissing

__all__ = ["RESOURCES", "read_sections", "read_table"]

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


def read_sections(name: str) -> dict[str, tuple[str, ...]]:
    """The sections of a word-list file: section name -> entries in file order.

    >>> read_sections("target_cues.txt")["against"][:2]
    ('against', 'versus')
    """
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in _data_lines(name):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1].strip(), [])
        elif current is None:
            raise ResourceMissing(f"{RESOURCES / name} line {number} comes before any [section] line; {_FIX}.")
        else:
            current.extend(stripped.split())
    return {key: tuple(words) for key, words in sections.items()}


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
