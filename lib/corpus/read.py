"""Entries to rows: one article per text or HTML file, one article per table row.

A row is a dict with the fields of :data:`lib.corpus.COLUMNS` that are known, plus any extra table columns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from lib.corpus.columns import extra_name, resolve_columns
from lib.corpus.decode import decode_bytes, html_to_text, is_gibberish, looks_like_html
from lib.corpus.tables import read_records
from lib.corpus.walk import Entry
from lib.errors import InputError

__all__ = ["HTML_SUFFIXES", "TEXT_SUFFIXES", "TableLayout", "check_size", "read_document", "read_table"]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")


def check_size(size: int, *, name: str, max_mb: float) -> None:
    """Refuse an empty file, or one over ``max_mb`` megabytes, with a sentence saying so."""
    if size == 0:
        raise InputError(f"{name} is empty (0 bytes).")
    if size > max_mb * 1024 * 1024:
        raise InputError(f"{name} is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit for one article; "
                         "split it or raise max_file_mb.")


def read_document(entry: Entry, *, max_file_mb: float) -> dict:
    """One article from a .txt or .html entry: ``doc_id`` is its path without extension, ``section`` its first
    folder. Raises :class:`InputError` (or ``OSError``) when it cannot be used."""
    check_size(entry.size(), name=entry.name, max_mb=max_file_mb)
    raw = entry.read()
    text, encoding = decode_bytes(raw, name=entry.name)
    if encoding in ("cp1252", "latin-1") and is_gibberish(raw):
        raise InputError(f"{entry.name} reads as random characters in every encoding tried, so it is not text.")
    is_html = entry.suffix in HTML_SUFFIXES or looks_like_html(text)
    meta: dict[str, str] = {}
    if is_html:
        text, meta = html_to_text(text, name=entry.name)
    if not text.strip():
        raise InputError(f"{entry.name} has no text (empty or whitespace only).")
    path = PurePosixPath(entry.name)
    return {
        "doc_id": str(path.with_suffix("")),
        **meta,
        "section": path.parts[0] if len(path.parts) > 1 else "",
        "text": text,
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "encoding": encoding + ("+html" if is_html else ""),
        "source": entry.origin,
    }


def read_table(entry: Entry, *, mapping: dict[str, str], max_mb: float, errors: str = "raise",
               skipped: list | None = None) -> list[dict]:
    """One article per row of a table entry; columns found by :func:`resolve_columns`, others kept as metadata.

    A row with an empty text stops the load (``errors="raise"``) or is listed in ``skipped``.
    """
    check_size(entry.size(), name=entry.name, max_mb=max_mb)
    records, encoding = read_records(entry.read(), suffix=entry.suffix, name=entry.name)
    names = list(dict.fromkeys(key for record in records for key in record))
    layout = TableLayout.of(entry, names, len(records), mapping=mapping, encoding=encoding)
    rows = [layout.row(record, i, errors=errors, skipped=skipped) for i, record in enumerate(records)]
    return [row for row in rows if row is not None]


@dataclass(frozen=True)
class TableLayout:
    """How the records of one table become rows: which column is which field, the extra columns, and how
    generated ids are written (``news_007``: the width fits the number of records)."""

    entry: Entry
    fields: dict[str, str]
    extras: dict[str, str]
    stem: str
    width: int
    encoding: str

    @classmethod
    def of(cls, entry: Entry, names: list[str], count: int, *, mapping: dict[str, str],
           encoding: str) -> TableLayout:
        """The layout of a table with columns ``names`` (in order of first appearance) and ``count`` records."""
        fields = resolve_columns(names, mapping, where=entry.name)
        extras = {column: extra_name(column) for column in names if column not in fields.values()}
        stem = str(PurePosixPath(entry.name).with_suffix(""))
        return cls(entry, fields, extras, stem, len(str(count)), encoding)

    def row(self, record: dict, i: int, *, errors: str, skipped: list | None) -> dict | None:
        """Record ``i`` (from 0) as a row, or None when its text is empty (listed in ``skipped``, or an
        :class:`InputError` when ``errors="raise"``)."""
        body = record.get(self.fields["text"], "")
        if not body.strip():
            if errors == "raise":
                raise InputError(f"{self.entry.name} row {i + 1} has an empty text.")
            (skipped if skipped is not None else []).append((f"{self.entry.name} row {i + 1}", "empty text"))
            return None
        row = {field: record.get(column, "") for field, column in self.fields.items()}
        row.update({name: record.get(column, "") for column, name in self.extras.items()})
        row.update({
            "doc_id": row.get("doc_id", "").strip() or f"{self.stem}_{i:0{self.width}d}",
            "raw_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "encoding": self.encoding,
            "source": f"{self.entry.origin}#{i + 1}",
        })
        return row
