"""Load a corpus into one tidy frame, one row per article; check one cheaply before any notebook starts.

>>> articles = load_corpus("data/corpus")            # doctest: +SKIP
>>> check_corpus("~/news.tsv", columns="text=body")  # doctest: +SKIP
{'kind': 'table', 'articles': 120, 'skipped': 0}
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.corpus.columns import parse_columns
from lib.corpus.metadata import find_sidecar, merge_metadata, read_metadata
from lib.corpus.normalise import duplicate_texts, normalise_outlets, parse_dates
from lib.corpus.read import HTML_SUFFIXES, TEXT_SUFFIXES, check_size, read_document, read_table
from lib.corpus.tables import TABLE_SUFFIXES
from lib.corpus.walk import Entry, os_reason, walk_folder, zip_entries
from lib.errors import InputError
from lib.paths import resolve

__all__ = ["ACCEPTED", "COLUMNS", "METADATA_FIELDS", "check_corpus", "load_corpus"]

METADATA_FIELDS = ["title", "date", "outlet", "author", "url"]
COLUMNS = ["doc_id", *METADATA_FIELDS, "section", "text", "raw_sha256", "encoding", "source"]
ACCEPTED = ("a corpus is a folder of .txt/.html files (subfolders allowed), or one .csv, .tsv, .jsonl, .json "
            "(a list of records), .parquet or .zip file")
QUIET_SUFFIXES = (".md", ".zip", *TABLE_SUFFIXES)  # notes and sidecars beside the articles, not listed as skipped
DEFAULT_MAX_MB = 20.0
TABLE_FACTOR = 50  # a table or an archive may be this many times the limit for one article


def corpus_kind(root: Path) -> str:
    """``"folder"``, ``"table"``, ``"zip"`` or ``"document"``; anything else is an :class:`InputError`."""
    if not root.exists():
        raise InputError(f"Corpus path not found: {root}; {ACCEPTED}.")
    if root.is_dir():
        return "folder"
    suffix = root.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return "table"
    if suffix == ".zip":
        return "zip"
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        return "document"
    raise InputError(f"Cannot read {root.name}: {ACCEPTED}.")


def _entries(root: Path, kind: str, *, max_file_mb: float,
             lazy: bool = False) -> tuple[list[Entry], list[tuple[str, str]]]:
    if kind == "folder":
        return walk_folder(root)
    if kind == "zip":
        return zip_entries(root, max_total_mb=max_file_mb * TABLE_FACTOR, lazy=lazy)
    return [Entry(root.name, str(root), path=root)], []


def _read_entries(entries: list[Entry], *, kind: str, mapping: dict, max_file_mb: float, errors: str,
                  skipped: list) -> list[dict]:
    rows: list[dict] = []
    for entry in entries:
        try:
            if entry.suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
                rows.append(read_document(entry, max_file_mb=max_file_mb))
            elif entry.suffix in TABLE_SUFFIXES and kind != "folder":
                rows += read_table(entry, mapping=mapping, max_mb=max_file_mb * TABLE_FACTOR, errors=errors,
                                   skipped=skipped)
            elif entry.suffix not in QUIET_SUFFIXES:
                skipped.append((entry.name, f"not an article file ({entry.suffix or 'no extension'})"))
        except OSError as err:
            if errors == "raise":
                raise InputError(f"{entry.name} {os_reason(err)}.") from None
            skipped.append((entry.name, os_reason(err)))
        except InputError as err:
            if errors == "raise" or kind == "table":
                raise
            skipped.append((entry.name, str(err)))
    return rows


def load_corpus(path: str | Path, *, metadata: str | Path | None = None, max_file_mb: float = DEFAULT_MAX_MB,
                errors: str = "raise", columns: str | dict[str, str] | None = None) -> pd.DataFrame:
    """Read every article under ``path`` into a frame: the columns in :data:`COLUMNS`, then any extra metadata.

    ``metadata`` names a sidecar CSV (default: ``<folder>.csv`` or ``<folder>/metadata.csv`` if present).
    ``errors="raise"`` stops at the first unreadable file with a one-line :class:`InputError`;
    ``errors="skip"`` leaves such files out. ``columns`` names the columns of a table corpus, as
    ``"text=body,outlet=source"`` (see :func:`lib.corpus.parse_columns`). What the loader did is kept in
    ``frame.attrs``: ``skipped`` (file, reason), ``duplicates`` (doc_id, duplicate_of), ``outlets``
    (original, outlet, articles) and ``unparsed_dates`` (doc_id, value).
    """
    mapping = parse_columns(columns)
    if errors not in ("raise", "skip"):
        raise InputError(f"errors must be 'raise' or 'skip', not {errors!r}.")
    root = resolve(path)
    kind = corpus_kind(root)
    entries, skipped = _entries(root, kind, max_file_mb=max_file_mb)
    if skipped and errors == "raise":
        raise InputError(f"{skipped[0][0]}: {skipped[0][1]}.")
    rows = _read_entries(entries, kind=kind, mapping=mapping, max_file_mb=max_file_mb, errors=errors,
                         skipped=skipped)
    if not rows:
        found = f" ({len(skipped)} unreadable: {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"No articles found in {root}{found}; {ACCEPTED}.")
    frame = pd.DataFrame(rows)
    _check_unique_ids(frame)
    sidecar = resolve(metadata) if metadata else (find_sidecar(root) if kind == "folder" else None)
    if sidecar is not None:
        frame = merge_metadata(frame, read_metadata(sidecar))
    return _finish(frame, root=root, skipped=skipped)


def _finish(frame: pd.DataFrame, *, root: Path, skipped: list) -> pd.DataFrame:
    extras = [c for c in frame.columns if c not in COLUMNS]
    frame = frame.reindex(columns=COLUMNS + extras)
    frame = frame.astype(object).where(frame.notna(), "")
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    duplicates = duplicate_texts(frame["doc_id"].tolist(), frame["text"].tolist())
    frame = frame[~frame["doc_id"].isin({doc_id for doc_id, _ in duplicates})].reset_index(drop=True)
    frame["outlet"], outlets = normalise_outlets(frame["outlet"].tolist())
    raw_dates = frame["date"].astype(str).tolist()
    frame["date"], _ = parse_dates(raw_dates)
    unparsed = [(doc_id, raw) for doc_id, raw, day in zip(frame["doc_id"], raw_dates, frame["date"])
                if raw.strip() and not day]
    frame.attrs.update({"skipped": skipped, "source": str(root), "duplicates": duplicates, "outlets": outlets,
                        "unparsed_dates": unparsed})
    return frame


def _check_unique_ids(frame: pd.DataFrame) -> None:
    dupes = frame[frame["doc_id"].duplicated(keep=False)]
    if len(dupes):
        first = dupes.iloc[0]["doc_id"]
        sources = dupes.loc[dupes["doc_id"] == first, "source"].tolist()
        raise InputError(f"Duplicate doc_id {first!r}: {' and '.join(sources[:2])}. Rename one of them.")


def check_corpus(path: str | Path, *, columns: str | dict[str, str] | None = None,
                 max_file_mb: float = DEFAULT_MAX_MB) -> dict:
    """Check, cheaply and before any notebook starts, that ``path`` is a corpus the loader can read.

    A folder is listed (files are not opened); a table is parsed and its columns resolved; a zip's members
    are listed and its tables parsed. Raises a one-line :class:`InputError` saying what is accepted; returns
    ``{"kind", "articles", "skipped"}`` (``articles`` counts candidate files or table rows).
    """
    mapping = parse_columns(columns)
    root = resolve(path)
    kind = corpus_kind(root)
    entries, skipped = _entries(root, kind, max_file_mb=max_file_mb)
    documents = [e for e in entries if e.suffix in TEXT_SUFFIXES + HTML_SUFFIXES]
    n = len(documents)
    for entry in entries:
        if entry.suffix in TABLE_SUFFIXES and kind != "folder":
            try:
                n += len(read_table(entry, mapping=mapping, max_mb=max_file_mb * TABLE_FACTOR, errors="skip"))
            except OSError as err:
                raise InputError(f"{entry.name} {os_reason(err)}.") from None
    if kind == "document":
        check_size(root.stat().st_size, name=root.name, max_mb=max_file_mb)
    if not n:
        found = f" ({len(skipped)} unreadable: {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"No articles found in {root}{found}; {ACCEPTED}.")
    sidecar = find_sidecar(root) if kind == "folder" else None
    if sidecar is not None:
        ids = pd.DataFrame({"doc_id": [str(Path(e.name).with_suffix("")) for e in documents]})
        merge_metadata(ids, read_metadata(sidecar))
    return {"kind": kind, "articles": n, "skipped": len(skipped)}

