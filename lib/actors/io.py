"""Reading an actor table from CSV, and writing a draft table for a person to edit.

>>> load_actors("data/actors.csv").types["putin"]  # doctest: +SKIP
'PERSON'
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lib.actors.table import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    REQUIRED_COLUMNS,
    TABLE_COLUMNS,
    ActorTable,
    norm,
    split_field,
    strip_name,
)
from lib.errors import InputError

__all__ = ["load_actors", "write_draft_actor_table"]


def _read_text(file: Path) -> str:
    if not file.exists():
        raise InputError(f"Actor table not found: {file} (expected a CSV file with the header "
                         f"{','.join(ACTOR_COLUMNS)}).")
    if file.is_dir():
        raise InputError(f"Actor table {file} is a folder; give the path of a CSV file.")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"Actor table {file} is not UTF-8 text; save it as UTF-8 CSV.") from None
    if not text.strip():
        raise InputError(f"Actor table {file} is empty; it needs the header {','.join(ACTOR_COLUMNS)} "
                         f"and one row per actor.")
    return text


def _read_rows(file: Path, text: str) -> tuple[pd.DataFrame, list[int]]:
    """The CSV as a frame of strings, and the file line of each row (blank lines skipped)."""
    reader = csv.reader(text.splitlines())
    header = [cell.strip() for cell in next(reader)]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise InputError(f"Actor table {file}, line 1: bad header {','.join(header)!r}; missing column(s) "
                         f"{', '.join(missing)} (expected {','.join(ACTOR_COLUMNS)}).")
    rows, lines = [], []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InputError(f"Actor table {file}, line {reader.line_num}: {len(cells)} cells but the header "
                             f"has {len(header)}; put cells that contain commas in double quotes.")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
        lines.append(reader.line_num)
    return pd.DataFrame(rows, columns=header), lines


def load_actors(path: str | Path) -> ActorTable:
    """Read and validate an actor table (CSV with the columns of ``ACTOR_COLUMNS``, optionally ``side_words``).

    Every problem raises ``InputError`` naming the file and line.

    >>> load_actors("data/actors.csv").names["putin"]  # doctest: +SKIP
    'Vladimir Putin'
    """
    file = Path(path)
    frame, lines = _read_rows(file, _read_text(file))
    return ActorTable.from_frame(frame, source=f"Actor table {file}", lines=lines)


def write_draft_actor_table(proposals: pd.DataFrame, path: str | Path, *, overwrite: bool = False,
                            types: Sequence[str] = ACTOR_TYPES) -> Path:
    """Write proposals (``discover_actors``) as a draft ``actors.csv`` for a person to edit (side, roles and
    side words left blank).

    Aliases are the proposal's variants without possessives; an alias claimed by two proposals stays with the
    more frequent one. Refuses to replace an existing file unless ``overwrite=True``.
    """
    file = Path(path)
    if file.exists() and not overwrite:
        raise InputError(f"{file} already exists; choose another path or pass overwrite=True to replace it.")
    rows, claimed = [], set()
    for row in proposals.sort_values("count", ascending=False, kind="stable").itertuples(index=False):
        typ = row.type if row.type in ACTOR_TYPES else "ORG" if "ORG" in types else types[0]
        aliases = []
        for variant in [row.name, *split_field(row.variants)]:
            alias = strip_name(variant)
            if alias and norm(alias) not in claimed:
                claimed.add(norm(alias))
                aliases.append(alias)
        if aliases:
            rows.append({"actor_id": row.proposed_id, "name": row.name, "type": typ, "side": "",
                         "aliases": "|".join(aliases), "roles": "", "side_words": ""})
    file.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=TABLE_COLUMNS).to_csv(file, index=False, encoding="utf-8")
    return file
