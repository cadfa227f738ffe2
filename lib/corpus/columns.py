"""Which column of a table is the text, the id, the outlet...: usual names, or an explicit mapping.

The usual names live in ``lib/resources/column_synonyms.csv``; a ``columns`` parameter such as
``"text=body,outlet=source"`` (``:`` works too) overrides them. Every other column is kept as metadata.

>>> resolve_columns(["ID", "source", "date", "text"], {})
{'doc_id': 'ID', 'date': 'date', 'outlet': 'source', 'text': 'text'}
"""

from __future__ import annotations

import re
from functools import lru_cache

from lib.errors import InputError
from lib.paths import ROOT

__all__ = ["FIELDS", "RESERVED", "parse_columns", "resolve_columns", "synonyms"]

FIELDS = ("doc_id", "title", "date", "outlet", "author", "url", "section", "text")
RESERVED = ("raw_sha256", "encoding", "source")  # made by the loader; a table column of that name is renamed
SYNONYMS_FILE = ROOT / "lib" / "resources" / "column_synonyms.csv"


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """Usual column names per field, in order of preference, from the resource file."""
    import csv

    lines = [line for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    found: dict[str, list[str]] = {field: [] for field in FIELDS}
    for row in csv.DictReader(lines):
        found[row["field"].strip()].append(row["name"].strip())
    return {field: tuple(names) for field, names in found.items()}


def parse_columns(spec: str | dict[str, str] | None) -> dict[str, str]:
    """The explicit column mapping ``field -> column name`` from ``"text=body,outlet=source"`` (or ``:``).

    >>> parse_columns("text=body, outlet:source")
    {'text': 'body', 'outlet': 'source'}
    """
    if not spec:
        return {}
    if isinstance(spec, dict):
        pairs = list(spec.items())
    else:
        pairs = [(re.split(r"[=:]", part, maxsplit=1) + [""])[:2] for part in spec.split(",")]
    mapping = {}
    for field, column in pairs:
        field, column = str(field).strip(), str(column).strip()
        if field not in FIELDS or not column:
            raise InputError(f"Parameter columns: {spec!r} is not a list of field=column pairs with fields from "
                             f"{', '.join(FIELDS)} (e.g. \"text=body,outlet=source\").")
        mapping[field] = column
    return mapping


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).lower()


def resolve_columns(names: list[str], mapping: dict[str, str], *, where: str = "the table") -> dict[str, str]:
    """``field -> column`` for a table with columns ``names``: the explicit ``mapping`` first, then usual names.

    Raises :class:`InputError` when a mapped column is missing or no column can be the text.
    """
    missing = [column for column in mapping.values() if column not in names]
    if missing:
        raise InputError(f"{where} has no column {missing[0]!r} named in columns (its columns: {', '.join(names)}).")
    found = dict(mapping)
    used = set(mapping.values())
    by_squash: dict[str, str] = {}
    for name in names:
        by_squash.setdefault(_squash(name), name)
    for field, options in synonyms().items():
        if field in found:
            continue
        for option in options:
            column = by_squash.get(_squash(option))
            if column is not None and column not in used:
                found[field] = column
                used.add(column)
                break
    if "text" not in found:
        usual = ", ".join(synonyms()["text"])
        raise InputError(f"{where} has no text column: expected one of {usual} (or name it, e.g. "
                         f"-p columns text=story); its columns: {', '.join(names)}.")
    return {field: found[field] for field in FIELDS if field in found}


def extra_name(column: str) -> str:
    """The metadata name of a column that is not one of the fields (``meta_`` before a reserved name)."""
    return f"meta_{column}" if column in FIELDS + RESERVED else column
