"""Sentences for :mod:`lib.reuse`, read part by part: from a frame or straight from the sentences stage's Parquet.

Shared-passage detection needs the whole corpus, but not the whole frame at once. :class:`SentenceSource` reads
``doc_id`` and ``text`` one part at a time and keeps per sentence only what the search needs: its row number,
a document code and a 64-bit hash of its normalised text (quotes straightened, lower-cased, as in
:mod:`lib.text`). Identical sentences are found by that hash (two different sentences share a 64-bit hash with
probability about n²/2⁶⁵, 2·10⁻⁷ for 2.6 million distinct sentences); the distinct texts are then read again,
part by part, to be vectorised, and the few rows a result shows are read back last with all their columns.

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a", "b", "b"], "sent_id": [0, 0, 1], "start": [0, 0, 40], "end": [39, 39, 70],
...     "text": ["The envoy told Fox News on Thursday.", "THE ENVOY told Fox News on Thursday.", "Rain."]})
>>> pool, counts = SentenceSource.from_frame(s).scan(min_words=3)
>>> pool.codes.tolist(), pool.docs.tolist(), pool.rows.tolist()
([0, 0], [0, 1], [0, 1])
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lib.reuse_vectors import _mix, split_words, take_rows, term_counts
from lib.text import QUOTE_MAP

__all__ = ["PART_ROWS", "Pool", "SentenceSource", "normalise", "returned_memory", "text_hashes"]

PART_ROWS = 20_000  # rows of a frame handled at a time (memory only)

_QUOTES = {q: "".join(sorted(chr(c) for c, t in QUOTE_MAP.items() if t == q)) for q in set(QUOTE_MAP.values())}


def normalise(texts):
    """Quotes straightened (:data:`lib.text.QUOTE_MAP`) and lower-cased, with Arrow kernels (no Python loop)."""
    import pyarrow.compute as pc

    for target, chars in _QUOTES.items():
        texts = pc.replace_substring_regex(texts, f"[{chars}]", target)
    return pc.utf8_lower(texts)


@dataclass
class Pool:
    """The sentences of ``min_words`` words or more: row number in the source, document code, distinct-text code
    (0, 1, … in order of first occurrence), and which rows are the first occurrence of their text."""

    rows: np.ndarray
    docs: np.ndarray
    codes: np.ndarray
    first: np.ndarray

    @property
    def distinct(self) -> int:
        return int(self.first.sum())


class SentenceSource:
    """A sentences table as a sequence of parts, each read on demand: Parquet files, or slices of ``PART_ROWS``
    rows of a frame."""

    def __init__(self, *, files: Sequence[Path] = (), frame: pd.DataFrame | None = None) -> None:
        import pyarrow.parquet as pq

        self.files, self.frame = [Path(f) for f in files], frame
        if frame is not None:
            sizes = [min(PART_ROWS, len(frame) - lo) for lo in range(0, len(frame), PART_ROWS)] or [0]
        else:
            sizes = [pq.read_metadata(f).num_rows for f in self.files]
        self.parts = len(sizes)
        self.offsets = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> SentenceSource:
        return cls(frame=frame)

    @classmethod
    def from_parts(cls, files: Sequence[str | Path]) -> SentenceSource:
        return cls(files=[Path(f) for f in files])

    def column(self, index: int, name: str):
        """One column of part ``index`` as an Arrow array of strings."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.frame is not None:
            column = pa.array(self.part(index)[name].astype(str), type=pa.large_string())
        else:
            column = pq.read_table(self.files[index], columns=[name]).column(name)
        column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        return column if pa.types.is_large_string(column.type) else column.cast(pa.large_string())

    def part(self, index: int) -> pd.DataFrame:
        """Part ``index`` with every column."""
        if self.frame is not None:
            return self.frame.iloc[self.offsets[index]:self.offsets[index + 1]]
        return pd.read_parquet(self.files[index])

    def scan(self, *, min_words: int, threads: int = 2) -> tuple[Pool, list]:
        """One pass over the parts (``threads`` at a time): which sentences are long enough, their documents and
        distinct texts, and the term counts of each distinct text in code order (see
        :func:`lib.reuse_vectors.term_counts`)."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            scans = list(pool.map(lambda i: self._scan_part(i, min_words=min_words), range(self.parts)))
        doc_codes: dict = {}
        docs = []
        for _, indices, names, _, _ in scans:
            lookup = np.array([doc_codes.setdefault(d, len(doc_codes)) for d in names], dtype=np.int32)
            docs.append(lookup[indices] if len(indices) else np.zeros(0, np.int32))
        hashed = np.concatenate([s[3] for s in scans])
        _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))
        is_first = np.zeros(len(hashed), dtype=bool)
        is_first[first] = True
        counted, at = [], 0
        for k, scan in enumerate(scans):
            size = len(scan[0])
            counted.append(take_rows(scan[4], is_first[at:at + size]))
            at += size
            scans[k] = scan[:4]  # the counts of repeated texts go now
        return Pool(np.concatenate([s[0] for s in scans]), np.concatenate(docs), rank[inverse.ravel()],
                    is_first), counted

    def _scan_part(self, index: int, *, min_words: int) -> tuple:
        """Part ``index``: (row numbers, document indices, document names, text hashes, term counts) of its
        sentences of ``min_words`` words or more."""
        import pyarrow as pa

        texts = normalise(self.column(index, "text"))
        words, parents, counts = split_words(texts)
        keep = counts >= min_words
        kept = np.flatnonzero(keep)
        mine = keep[parents]
        renumber = np.cumsum(keep) - 1
        counted = term_counts(words.filter(pa.array(mine)), renumber[parents[mine]], rows=len(kept))
        ids = self.column(index, "doc_id").filter(pa.array(keep)).dictionary_encode()
        return (kept + self.offsets[index], np.asarray(ids.indices, dtype=np.int64), ids.dictionary.to_pylist(),
                text_hashes(texts.filter(pa.array(keep))), counted)

    def take(self, rows: np.ndarray) -> pd.DataFrame:
        """Whole rows (every column) by row number, in the order given."""
        rows = np.asarray(rows, dtype=np.int64)
        part = np.searchsorted(self.offsets, rows, side="right") - 1
        frames = {i: self.part(i).iloc[rows[part == i] - self.offsets[i]] for i in np.unique(part)}
        found = pd.concat(frames.values()) if frames else pd.DataFrame()
        where = np.concatenate([np.flatnonzero(part == i) for i in frames]) if frames else np.zeros(0, int)
        return found.iloc[np.argsort(where, kind="stable")].reset_index(drop=True)


def text_hashes(texts) -> np.ndarray:
    """A 64-bit hash of each string of an Arrow ``large_string`` array, from its bytes, without a Python loop:
    a random linear function of the bytes (a random 64-bit number per byte value times an odd one per position,
    the same for positions past 65,535), mixed with the length."""
    if not len(texts):
        return np.zeros(0, dtype=np.uint64)
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset:texts.offset + len(texts) + 1]
    data = np.frombuffer(texts.buffers()[2], dtype=np.uint8)
    lengths = np.diff(offsets)
    local = np.arange(offsets[-1] - offsets[0]) - np.repeat(offsets[:-1] - offsets[0], lengths)
    with np.errstate(over="ignore"):
        terms = _BYTE_KEYS[data[offsets[0]:offsets[-1]]] * _POSITION_KEYS[np.minimum(local, len(_POSITION_KEYS) - 1)]
        total = np.concatenate([[np.uint64(0)], np.cumsum(terms, dtype=np.uint64)])
        return _mix((total[offsets[1:] - offsets[0]] - total[offsets[:-1] - offsets[0]])
                    ^ _mix(lengths.astype(np.uint64)))


@contextlib.contextmanager
def returned_memory() -> Iterator[None]:
    """Let go of freed arrays at once (glibc only; elsewhere a no-op).

    glibc serves an allocation from its heap unless it is larger than the mmap threshold, and raises that
    threshold to the size of each large block freed (up to 32 MB). A step that makes and frees hundreds of
    arrays of 1-100 MB therefore leaves most of them in the heap, where they stay in the process's footprint
    (measured on 3 million sentences: 2.7 GB peak instead of 1.7 GB). This fixes the threshold at 1 MiB for
    the rest of the process and returns the free heap to the system when the step ends.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 1 << 20)
    except (OSError, AttributeError):
        libc = None
    try:
        yield
    finally:
        if libc is not None:
            libc.malloc_trim(0)


_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_BYTE_KEYS = np.random.default_rng(1202).integers(0, 2**64, 256, dtype=np.uint64)
_POSITION_KEYS = np.random.default_rng(20251202).integers(0, 2**64, 1 << 16, dtype=np.uint64) | np.uint64(1)
