"""Table records streamed in batches: a .jsonl, .csv, .tsv, .json (a list of records) or .parquet file is read a
batch of rows at a time and never decoded whole (a Parquet member of a zip archive is unpacked in memory).

The records are the dicts of strings :func:`lib.corpus.tables.read_records` gives, in the same order, with the
same encoding; a file that cannot be parsed gets the same one-line error (for CSV and Parquet the whole file is
parsed again to word it, which only happens on a broken file).

>>> import io
>>> from lib.corpus.walk import Entry
>>> table = StreamedTable(Entry("n.jsonl", "n.jsonl", data=b'{"text": "A."}\\n{"text": "B."}\\n'))
>>> table.encoding, table.scan(), [len(b) for b in table.batches(1)]
('utf-8', (['text'], 2), [1, 1])
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator

from lib.corpus.decode import SAMPLE, sniff_encoding
from lib.corpus.tables import as_strings, json_line, read_records
from lib.corpus.walk import Entry
from lib.errors import InputError

__all__ = ["StreamedTable"]

BLOCK = 1 << 20  # bytes read at a time


class StreamedTable:
    """One table entry, read in batches of records (``batches``) as often as needed (``scan`` reads it once to
    learn its columns and size)."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.encoding = "parquet" if entry.suffix == ".parquet" else _detect(entry)

    def scan(self) -> tuple[list[str], int]:
        """The column names in order of first appearance, and the number of records."""
        names: dict[str, None] = {}
        count = 0
        for batch in self.batches(5000):
            for record in batch:
                names.update(dict.fromkeys(record))
            count += len(batch)
        if not count:
            raise InputError(f"{self.entry.name} has no rows.")
        return list(names), count

    def batches(self, size: int) -> Iterator[list[dict[str, str]]]:
        """The records, ``size`` at a time."""
        suffix = self.entry.suffix
        if suffix == ".jsonl":
            yield from _batched(self._jsonl(), size)
        elif suffix == ".json":
            yield from _batched(self._json_list(), size)
        else:
            try:
                yield from (self._delimited(size) if suffix in (".csv", ".tsv") else self._parquet(size))
            except InputError:
                raise
            except Exception as err:  # noqa: BLE001 - parse the whole file again for the loader's own wording
                read_records(self.entry.read(), suffix=suffix, name=self.entry.name)
                raise InputError(f"{self.entry.name} is not a readable table: {err}.") from None

    def _text(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(self.entry.open(), encoding=self.encoding, newline="")

    def _jsonl(self) -> Iterator[dict[str, str]]:
        n = 0
        with self._text() as stream:
            for physical in stream:
                for line in physical.splitlines():  # the same line breaks as str.splitlines on the whole text
                    n += 1
                    record = json_line(line, n=n, name=self.entry.name)
                    if record is not None:
                        yield record

    def _json_list(self) -> Iterator[dict[str, str]]:
        """The records of a JSON list, one at a time; anything unexpected (not a list, a syntax error, a record
        that is not an object) parses the whole file again for the loader's own error."""
        try:
            with self._text() as stream:
                yield from (as_strings(record) for record in _json_items(stream))
        except (ValueError, TypeError):
            read_records(self.entry.read(), suffix=".json", name=self.entry.name)
            raise InputError(f"{self.entry.name} is not a readable JSON list.") from None

    def _delimited(self, size: int) -> Iterator[list[dict[str, str]]]:
        import pandas as pd

        sep = "\t" if self.entry.suffix == ".tsv" else ","
        with self._text() as stream, pd.read_csv(stream, sep=sep, dtype=str, keep_default_na=False,
                                                 chunksize=size) as reader:
            for table in reader:
                table.columns = [str(c).strip() for c in table.columns]
                yield table.to_dict("records")

    def _parquet(self, size: int) -> Iterator[list[dict[str, str]]]:
        import pyarrow.parquet as pq

        # a zip member cannot seek cheaply (Parquet reads its footer first): that one is unpacked in memory
        with io.BytesIO(self.entry.read()) if self.entry.member else self.entry.open() as handle:
            for batch in pq.ParquetFile(handle).iter_batches(batch_size=size):
                yield [as_strings(record) for record in batch.to_pylist()]


def _batched(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _json_items(stream: io.TextIOBase) -> Iterator[dict]:
    """The objects of a top-level JSON list read from ``stream`` block by block (``ValueError`` or
    ``TypeError`` when the text is anything else)."""
    reader = _JsonReader(stream)
    if reader.token() != "[":
        raise ValueError("not a JSON list")
    reader.pos += 1
    if reader.token() == "]":
        reader.pos += 1
        return reader.end()
    while True:
        record = reader.value()
        if not isinstance(record, dict):
            raise TypeError("a record that is not an object")
        yield record
        token = reader.token()
        reader.pos += 1
        if token == "]":
            return reader.end()
        if token != ",":
            raise ValueError("expected , or ]")


class _JsonReader:
    """A window on a text stream for reading JSON values one at a time."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.stream, self.buffer, self.pos, self.eof = stream, "", 0, False

    def _more(self) -> None:
        more = self.stream.read(BLOCK)
        self.buffer, self.pos, self.eof = self.buffer[self.pos:] + more, 0, not more

    def token(self) -> str:
        """The next character that is not JSON whitespace ("" at the end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in JSON_BLANKS:
                self.pos += 1
            if self.pos < len(self.buffer) or self.eof:
                return self.buffer[self.pos:self.pos + 1]
            self._more()

    def value(self):
        """The JSON value at the current position (read on until it is complete)."""
        self.token()
        while True:
            try:
                value, end = DECODER.raw_decode(self.buffer, self.pos)
                if end < len(self.buffer) or self.eof:
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                if self.eof:
                    raise
            self._more()

    def end(self) -> None:
        """Refuse anything but blanks after the list."""
        if (self.buffer[self.pos:] + self.stream.read()).strip(JSON_BLANKS):
            raise ValueError("text after the list")


JSON_BLANKS = " \t\n\r"
DECODER = json.JSONDecoder()


def _detect(entry: Entry) -> str:
    """The encoding :func:`lib.corpus.decode_bytes` would find, read block by block: a byte-order mark, else
    UTF-8 if every byte decodes, else cp1252, else latin-1."""
    with entry.open() as handle:
        codec = sniff_encoding(handle.read(SAMPLE), name=entry.name)
        if codec:
            return codec
        for codec in ("utf-8", "cp1252"):
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(codec)()
            try:
                while block := handle.read(BLOCK):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return codec
            except UnicodeDecodeError:
                continue
    return "latin-1"
