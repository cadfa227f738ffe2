"""Read a corpus in chunks of articles, never holding it whole: the chunks of :func:`read_chunks`, put end to
end, are the frame :func:`lib.corpus.load_corpus` returns (same rows, order, columns, cleaning of metadata).

Files and table rows are read once, in the order they come, and parked on disk (:class:`lib.corpus.spool.Spool`)
while a small ledger keeps what the whole corpus decides: every ``doc_id`` (the order and the unique-id check),
a digest of every text (exact duplicates are kept once), outlets and dates (one spelling per outlet, one day
per date). The :class:`CorpusSummary` holds what the loader did (the ``attrs`` of ``load_corpus``).

>>> with read_chunks("data/corpus", chunk_size=100) as chunks:   # doctest: +SKIP
...     for frame in chunks:
...         print(len(frame), frame["doc_id"].iloc[0])
...     chunks.summary.articles
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from lib.corpus.columns import parse_columns
from lib.corpus.load import ACCEPTED, COLUMNS, DEFAULT_MAX_MB, QUIET_SUFFIXES, TABLE_FACTOR, _entries, corpus_kind
from lib.corpus.metadata import check_sidecar_ids, find_sidecar, merge_metadata, read_metadata, sidecar_columns
from lib.corpus.normalise import duplicate_texts, normalise_outlets, parse_dates
from lib.corpus.read import HTML_SUFFIXES, TEXT_SUFFIXES, TableLayout, check_size, read_document
from lib.corpus.records import StreamedTable
from lib.corpus.spool import Spool
from lib.corpus.tables import TABLE_SUFFIXES
from lib.corpus.walk import Entry, os_reason
from lib.errors import InputError
from lib.paths import resolve

__all__ = ["CorpusChunks", "CorpusSummary", "read_chunks"]

WINDOW = 10_000  # articles fetched from the parked rows at a time (a few tens of MB of text)


@dataclass
class CorpusSummary:
    """What the loader found and did, for the whole corpus: ``articles`` kept, ``columns`` of every chunk, and
    the notes of :func:`lib.corpus.load_corpus` (``skipped``, ``duplicates``, ``outlets``, ``unparsed_dates``)."""

    source: str
    articles: int = 0
    columns: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    outlets: list[tuple[str, str, int]] = field(default_factory=list)
    unparsed_dates: list[tuple[str, str]] = field(default_factory=list)

    def attrs(self) -> dict:
        """The notes as ``load_corpus(...).attrs`` has them (for :func:`lib.corpus.loading_notes`)."""
        return {"skipped": self.skipped, "source": self.source, "duplicates": self.duplicates,
                "outlets": self.outlets, "unparsed_dates": self.unparsed_dates}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CorpusSummary:
        """Back from :meth:`to_dict` (JSON lists become tuples again)."""
        notes = {name: [tuple(item) for item in data[name]]
                 for name in ("skipped", "duplicates", "outlets", "unparsed_dates")}
        return cls(source=data["source"], articles=int(data["articles"]), columns=list(data["columns"]), **notes)


class _Ledger:
    """Per article, in reading order: doc_id, source, text digest, outlet, date and where the row is parked."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self.keys: dict[str, None] = {}
        self.ids: list[str] = []
        self.sources: list[str] = []
        self.digests: list[str] = []
        self.outlets: list[str] = []
        self.dates: list[str] = []
        self.positions: list[int] = []
        self.bar = None  # a progress bar counting the articles read

    def add(self, row: dict) -> None:
        import hashlib

        self.keys.update(dict.fromkeys(row))
        self.ids.append(row["doc_id"])
        self.sources.append(row.get("source", ""))
        self.digests.append(hashlib.blake2b(str(row["text"]).strip().encode("utf-8", "surrogatepass"),
                                            digest_size=16).hexdigest())
        self.outlets.append(_text(row.get("outlet")))
        self.dates.append(_text(row.get("date")))
        self.positions.append(self.spool.add(row))
        if self.bar is not None:
            self.bar.update()

    def rollback(self, size: int) -> None:
        """Forget the articles after the first ``size`` (a file that failed half-way; its parked rows stay
        unused)."""
        for values in (self.ids, self.sources, self.digests, self.outlets, self.dates, self.positions):
            del values[size:]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _table_rows(entry: Entry, *, mapping: dict, max_file_mb: float, errors: str, skipped: list,
                size: int) -> Iterator[dict]:
    """The rows of a table entry, as :func:`lib.corpus.read.read_table` makes them, batch by batch."""
    check_size(entry.size(), name=entry.name, max_mb=max_file_mb * TABLE_FACTOR)
    table = StreamedTable(entry)
    names, count = table.scan()
    layout = TableLayout.of(entry, names, count, mapping=mapping, encoding=table.encoding)
    i = 0
    for batch in table.batches(size):
        for record in batch:
            row = layout.row(record, i, errors=errors, skipped=skipped)
            i += 1
            if row is not None:
                yield row


def _read_entries(entries: list[Entry], ledger: _Ledger, *, kind: str, mapping: dict, max_file_mb: float,
                  errors: str, skipped: list) -> None:
    """Every entry into the ledger, as :func:`lib.corpus.load.load_corpus` reads them (same errors, same
    skipped list)."""
    for entry in entries:
        mark = len(ledger.ids)
        try:
            if entry.suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
                ledger.add(read_document(entry, max_file_mb=max_file_mb))
            elif entry.suffix in TABLE_SUFFIXES and kind != "folder":
                for row in _table_rows(entry, mapping=mapping, max_file_mb=max_file_mb, errors=errors,
                                       skipped=skipped, size=ledger.spool.size):
                    ledger.add(row)
            elif entry.suffix not in QUIET_SUFFIXES:
                skipped.append((entry.name, f"not an article file ({entry.suffix or 'no extension'})"))
        except OSError as err:
            ledger.rollback(mark)
            if errors == "raise":
                raise InputError(f"{entry.name} {os_reason(err)}.") from None
            skipped.append((entry.name, os_reason(err)))
        except InputError as err:
            ledger.rollback(mark)
            if errors == "raise" or kind == "table":
                raise
            skipped.append((entry.name, str(err)))
    ledger.spool.flush()


def _check_unique_ids(ids: list[str], sources: list[str]) -> None:
    counts = Counter(ids)
    first = next((doc_id for doc_id in ids if counts[doc_id] > 1), None)
    if first is not None:
        found = [source for doc_id, source in zip(ids, sources) if doc_id == first]
        raise InputError(f"Duplicate doc_id {first!r}: {' and '.join(found[:2])}. Rename one of them.")


def _override(values: list[str], ids: list[str], meta: pd.DataFrame | None, column: str) -> list[str]:
    """``values`` with the sidecar's non-blank ``column`` filled in by doc_id (as merge_metadata does)."""
    if meta is None or column not in meta.columns:
        return values
    given = {doc_id: _text(value) for doc_id, value in zip(meta["doc_id"], meta[column])
             if not isinstance(value, str) or value.strip()}
    return [given.get(doc_id, value) for doc_id, value in zip(ids, values)]


class CorpusChunks:
    """A corpus read once (errors are raised here), then delivered in chunks of ``chunk_size`` articles sorted
    by ``doc_id`` by iterating; ``summary`` says what the loader did. Use it as a context manager (or call
    :meth:`close`) to remove the parked rows."""

    def __init__(self, root: Path, *, kind: str, entries: list[Entry], skipped: list, sidecar: Path | None,
                 mapping: dict, errors: str, max_file_mb: float, chunk_size: int, spool: Path | None,
                 progress: bool = False) -> None:
        from tqdm.auto import tqdm

        self._tmp = tempfile.TemporaryDirectory(prefix="corpus-spool-", dir=spool)
        self.chunk_size = chunk_size
        ledger = _Ledger(Spool(self._tmp.name, size=chunk_size))
        with tqdm(desc="annotate: read corpus", unit=" articles", disable=not progress) as ledger.bar:
            _read_entries(entries, ledger, kind=kind, mapping=mapping, max_file_mb=max_file_mb, errors=errors,
                          skipped=skipped)
        if not ledger.ids:
            found = f" ({len(skipped)} unreadable: {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
            raise InputError(f"No articles found in {root}{found}; {ACCEPTED}.")
        _check_unique_ids(ledger.ids, ledger.sources)
        meta = read_metadata(sidecar) if sidecar is not None else None
        if meta is not None:
            check_sidecar_ids(meta, ledger.ids)
        self._plan(ledger, meta)
        extras = [c for c in sidecar_columns(list(ledger.keys), meta) if c not in COLUMNS]
        self.summary = CorpusSummary(source=str(root), articles=len(self._keep), columns=COLUMNS + extras,
                                     skipped=skipped, duplicates=self._duplicates, outlets=self._outlet_map,
                                     unparsed_dates=self._unparsed)
        self._spool, self._meta = ledger.spool, meta

    def _plan(self, ledger: _Ledger, meta: pd.DataFrame | None) -> None:
        """Sort by doc_id, drop exact duplicate texts, and settle every outlet and date."""
        ids = ledger.ids
        outlets = _override(ledger.outlets, ids, meta, "outlet")
        dates = _override(ledger.dates, ids, meta, "date")
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self._duplicates = duplicate_texts([ids[i] for i in order], [ledger.digests[i] for i in order])
        dropped = {doc_id for doc_id, _ in self._duplicates}
        self._keep = [i for i in order if ids[i] not in dropped]
        self._positions = [ledger.positions[i] for i in self._keep]
        self._outlets, self._outlet_map = normalise_outlets([outlets[i] for i in self._keep])
        self._days, _ = parse_dates([dates[i] for i in self._keep])
        self._unparsed = [(ids[i], dates[i]) for i, day in zip(self._keep, self._days)
                          if dates[i].strip() and not day]

    def __len__(self) -> int:
        """The number of chunks."""
        return max(1, math.ceil(self.summary.articles / self.chunk_size))

    def __iter__(self) -> Iterator[pd.DataFrame]:
        # rows are fetched for several chunks at once: when the files are not in doc_id order, every chunk
        # needs a few rows of every parked file, and opening each file once per window (not per chunk) is
        # what keeps that fast; a window holds about WINDOW articles
        window = self.chunk_size * max(1, WINDOW // self.chunk_size)
        for first in range(0, self.summary.articles, window):
            rows = self._spool.take(self._positions[first:first + window])
            for start in range(0, len(rows), self.chunk_size):
                part = slice(first + start, first + start + self.chunk_size)
                yield self._chunk(rows[start:start + self.chunk_size], part)

    def _chunk(self, rows: list[dict], part: slice) -> pd.DataFrame:
        frame = pd.DataFrame(rows)
        if self._meta is not None:
            frame = merge_metadata(frame, self._meta[self._meta["doc_id"].isin(set(frame["doc_id"]))])
        frame = frame.reindex(columns=self.summary.columns)
        frame = frame.astype(object).where(frame.notna(), "")
        frame["outlet"], frame["date"] = self._outlets[part], self._days[part]
        return frame

    def close(self) -> None:
        self._tmp.cleanup()

    def __enter__(self) -> CorpusChunks:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_chunks(path: str | Path, *, chunk_size: int = 500, metadata: str | Path | None = None,
                max_file_mb: float = DEFAULT_MAX_MB, errors: str = "raise", columns: str | dict | None = None,
                spool: str | Path | None = None, progress: bool = False) -> CorpusChunks:
    """The corpus at ``path`` in chunks of ``chunk_size`` articles (options as :func:`lib.corpus.load_corpus`);
    rows wait in a temporary folder under ``spool`` (default: the system's) until their chunk is delivered.
    ``progress`` shows a bar counting the articles read."""
    mapping = parse_columns(columns)
    if errors not in ("raise", "skip"):
        raise InputError(f"errors must be 'raise' or 'skip', not {errors!r}.")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputError(f"chunk_size must be a positive integer, got {chunk_size!r}.")
    root = resolve(path)
    kind = corpus_kind(root)
    entries, skipped = _entries(root, kind, max_file_mb=max_file_mb, lazy=True)  # zip members read when needed
    if skipped and errors == "raise":
        raise InputError(f"{skipped[0][0]}: {skipped[0][1]}.")
    sidecar = resolve(metadata) if metadata else (find_sidecar(root) if kind == "folder" else None)
    return CorpusChunks(root, kind=kind, entries=entries, skipped=skipped, sidecar=sidecar, mapping=mapping,
                        errors=errors, max_file_mb=max_file_mb, chunk_size=chunk_size,
                        spool=Path(spool) if spool else None, progress=progress)
