"""Rows parked on disk while a corpus streams by, fetched back in any order.

A corpus is read in the order its files and rows come, but its articles are delivered sorted by ``doc_id``
(as :func:`lib.corpus.load_corpus` returns them). The :class:`Spool` keeps the rows read so far in Arrow IPC
files of ``size`` rows each (memory-mapped when read back: only the rows asked for are copied), so sorting
needs only the small per-article facts in memory, never the texts.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     spool = Spool(folder, size=2)
...     positions = [spool.add({"doc_id": d, "text": t}) for d, t in [("b", "B."), ("a", "A."), ("c", "C.")]]
...     spool.flush()
...     [row["doc_id"] for row in spool.take([1, 0, 2])]
['a', 'b', 'c']
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["Spool"]


class Spool:
    """Append-only rows (dicts of strings) in numbered Arrow IPC files of ``size`` rows."""

    def __init__(self, folder: str | Path, *, size: int) -> None:
        self.folder, self.size = Path(folder), size
        self.folder.mkdir(parents=True, exist_ok=True)
        self._rows: list[dict] = []
        self._files = 0

    def add(self, row: dict) -> int:
        """Park one row; returns its position (for :meth:`take`)."""
        self._rows.append({key: _cell(value) for key, value in row.items()})
        position = self._files * self.size + len(self._rows) - 1
        if len(self._rows) >= self.size:
            self.flush()
        return position

    def flush(self) -> None:
        """Write the rows still in memory (call once after the last :meth:`add`)."""
        if not self._rows:
            return
        import pyarrow as pa

        keys = dict.fromkeys(key for row in self._rows for key in row)  # every row's fields, not the first's
        table = pa.table({key: pa.array([row.get(key) for row in self._rows], pa.string()) for key in keys})
        with pa.OSFile(str(self._file(self._files)), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        self._rows = []
        self._files += 1

    def take(self, positions: list[int]) -> list[dict]:
        """The rows at ``positions``, in that order (missing fields of a row are None)."""
        import pyarrow as pa

        by_file: dict[int, list[int]] = {}
        for position in positions:
            by_file.setdefault(position // self.size, []).append(position % self.size)
        found: dict[int, dict] = {}
        for number, rows in by_file.items():
            with pa.memory_map(str(self._file(number))) as source:
                table = pa.ipc.open_file(source).read_all()
                for row, record in zip(rows, table.take(rows).to_pylist()):
                    found[number * self.size + row] = record
        return [found[position] for position in positions]

    def _file(self, number: int) -> Path:
        return self.folder / f"rows-{number:06d}.arrow"


def _cell(value) -> str | None:
    """A value as Arrow stores it: text, or None for a missing one (NaN from a short CSV row)."""
    if isinstance(value, str) or value is None:
        return value
    return None if value != value else str(value)
