"""Metadata sidecars: a CSV beside a folder of articles, keyed by ``doc_id``.

The sidecar is ``<folder>.csv`` beside the folder or ``metadata.csv`` inside it. Besides title, date, outlet,
author, url and section, any other column (a leaning, a country) is kept as metadata.

>>> read_metadata("data/corpus.csv").columns[:2].tolist()   # doctest: +SKIP
['doc_id', 'title']
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from lib.corpus.columns import extra_name
from lib.corpus.decode import decode_bytes
from lib.errors import InputError
from lib.paths import resolve

__all__ = ["SIDECAR_NAMES", "check_sidecar_ids", "find_sidecar", "merge_metadata", "read_metadata", "sidecar_columns"]

SIDECAR_NAMES = ("metadata.csv",)
SIDECAR_FIELDS = ("title", "date", "outlet", "author", "url", "section")


def find_sidecar(folder: Path) -> Path | None:
    """The sidecar of a corpus folder, if there is one."""
    for candidate in (folder.with_suffix(".csv"), *(folder / name for name in SIDECAR_NAMES)):
        if candidate.is_file():
            return candidate
    return None


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read a metadata sidecar: a CSV with a ``doc_id`` column and any metadata columns."""
    file = resolve(path)
    if not file.is_file():
        raise InputError(f"Metadata file not found: {file}")
    try:
        text, _ = decode_bytes(file.read_bytes(), name=file.name)
    except OSError as err:
        raise InputError(f"Metadata file {file.name} cannot be read: {err.strerror}.") from None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError(f"{file.name} is not a readable CSV file: {str(err).strip().splitlines()[-1]}") from None
    if "doc_id" not in table.columns:
        raise InputError(f"{file.name} has no 'doc_id' column (columns: {', '.join(table.columns)}).")
    dupes = table["doc_id"][table["doc_id"].duplicated()].unique()
    if len(dupes):
        raise InputError(f"{file.name} lists doc_id {dupes[0]!r} more than once.")
    return table


def merge_metadata(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the sidecar's non-blank values filled in by ``doc_id``; unknown ids are an error."""
    check_sidecar_ids(meta, frame["doc_id"])
    merged = frame.set_index("doc_id")
    indexed = meta.set_index("doc_id")
    for column in indexed.columns:
        field = column if column in SIDECAR_FIELDS else extra_name(column)
        values = indexed[column]
        values = values[values.str.strip() != ""]
        if field not in merged.columns:
            merged[field] = ""
        merged.loc[values.index, field] = values
    return merged.reset_index()


def check_sidecar_ids(meta: pd.DataFrame, doc_ids) -> None:
    """Refuse a sidecar that names a doc_id with no article."""
    unknown = sorted(set(meta["doc_id"]) - set(doc_ids))
    if unknown:
        shown = ", ".join(unknown[:3]) + (" …" if len(unknown) > 3 else "")
        raise InputError(f"The metadata file names {len(unknown)} doc_id(s) with no article: {shown}.")


def sidecar_columns(columns: list[str], meta: pd.DataFrame | None) -> list[str]:
    """The columns of a frame with ``columns`` after :func:`merge_metadata` with ``meta`` (doc_id first).

    >>> sidecar_columns(["doc_id", "text"], pd.DataFrame({"doc_id": ["a"], "leaning": ["left"]}))
    ['doc_id', 'text', 'leaning']
    """
    found = ["doc_id", *(c for c in columns if c != "doc_id")]
    for column in [] if meta is None else meta.columns:
        name = column if column in SIDECAR_FIELDS else extra_name(column)
        if column != "doc_id" and name not in found:
            found.append(name)
    return found
