"""Table corpora: the records of a .csv, .tsv, .jsonl, .json (a list of records) or .parquet file.

Every value comes back as a string ("" when missing), so later steps see one kind of cell whatever the format.
A malformed row is reported by the line it starts on.

>>> read_records(b"id,text\\n1,Talks resumed.\\n", suffix=".csv", name="c.csv")[0]
[{'id': '1', 'text': 'Talks resumed.'}]
"""

from __future__ import annotations

import csv
import io
import json
import math

from lib.corpus.decode import decode_bytes
from lib.errors import InputError

__all__ = ["TABLE_SUFFIXES", "as_strings", "read_records"]

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".json", ".parquet")


def read_records(raw: bytes, *, suffix: str, name: str) -> tuple[list[dict[str, str]], str]:
    """The rows of one table file as dicts of strings, and the text encoding (``"parquet"`` for Parquet)."""
    if suffix == ".parquet":
        return _parquet(raw, name=name), "parquet"
    text, encoding = decode_bytes(raw, name=name)
    if suffix in (".csv", ".tsv"):
        records = _delimited(text, sep="\t" if suffix == ".tsv" else ",", name=name)
    elif suffix == ".jsonl":
        records = _jsonl(text, name=name)
    else:
        records = _json_list(text, name=name)
    if not records:
        raise InputError(f"{name} has no rows.")
    return records, encoding


def _delimited(text: str, *, sep: str, name: str) -> list[dict[str, str]]:
    import pandas as pd

    try:
        table = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise InputError(f"{name} is empty: a table needs a header line and one row per article.") from None
    except pd.errors.ParserError as err:
        raise InputError(_bad_row(text, sep=sep, name=name) or f"{name} is not a readable table: "
                         f"{str(err).strip().splitlines()[-1]}") from None
    table.columns = [str(c).strip() for c in table.columns]
    return table.to_dict("records")


def _bad_row(text: str, *, sep: str, name: str) -> str:
    """The first row whose field count differs from the header's, named by the line it starts on."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # articles are longer than the 128 KB default
    try:
        reader = csv.reader(io.StringIO(text), delimiter=sep)
        header, start = next(reader, []), 2
        for row in reader:
            if row and len(row) != len(header):
                return (f"{name} line {start} has {len(row)} fields where the header has {len(header)}; "
                        "quote fields that contain the separator or line breaks.")
            start = reader.line_num + 1
    except csv.Error as err:
        return f"{name} line {start}: {err}."
    finally:
        csv.field_size_limit(limit)
    return ""


def json_line(line: str, *, n: int, name: str) -> dict[str, str] | None:
    """Line ``n`` of JSONL file ``name`` as a record of strings; None for a blank line.

    >>> json_line('{"id": 1, "text": "Hi"}', n=1, name="a.jsonl"), json_line("  ", n=2, name="a.jsonl")
    ({'id': '1', 'text': 'Hi'}, None)
    """
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{name} line {n} is not valid JSON: {err.msg}.") from None
    if not isinstance(record, dict):
        raise InputError(f"{name} line {n} is not a JSON object.")
    return as_strings(record)


def _jsonl(text: str, *, name: str) -> list[dict[str, str]]:
    records = (json_line(line, n=n, name=name) for n, line in enumerate(text.splitlines(), start=1))
    return [record for record in records if record is not None]


def _json_list(text: str, *, name: str) -> list[dict[str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{name} line {err.lineno} is not valid JSON: {err.msg}.") from None
    if not isinstance(data, list):
        raise InputError(f"{name} must hold a JSON list of records ([{{\"text\": ...}}, ...]); "
                         "for one record per line use .jsonl.")
    for n, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise InputError(f"{name} record {n} is not a JSON object.")
    return [as_strings(record) for record in data]


def _parquet(raw: bytes, *, name: str) -> list[dict[str, str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(raw))
    except (pa.ArrowInvalid, OSError) as err:
        raise InputError(f"{name} is not a readable Parquet file: {err}.") from None
    return [as_strings(record) for record in table.to_pylist()]


def as_strings(record: dict) -> dict[str, str]:
    return {str(key).strip(): _cell(value) for key, value in record.items()}


def _cell(value) -> str:
    """One cell as text: missing values are "", lists are joined with ", "."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value if _cell(v))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
