"""Load a corpus of news articles into one tidy frame, one row per article.

A corpus is a folder of ``.txt`` / ``.html`` files (searched recursively; a subfolder's name becomes the
``section``), or a single ``.csv`` / ``.jsonl`` file with a ``text`` column and any metadata columns.
A metadata sidecar (``<folder>.csv`` beside the folder, or ``metadata.csv`` inside it) adds title, date,
outlet, author, url by ``doc_id``. Raw files are only ever read.

>>> articles = load_corpus("data/corpus")            # doctest: +SKIP
>>> articles[["doc_id", "title", "encoding"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from lib.errors import InputError
from lib.paths import resolve

__all__ = ["COLUMNS", "METADATA_FIELDS", "corpus_checksum", "decode_bytes", "describe_articles", "load_corpus",
           "parse_columns", "read_metadata"]

METADATA_FIELDS = ["title", "date", "outlet", "author", "url"]
COLUMNS = ["doc_id", *METADATA_FIELDS, "section", "text", "raw_sha256", "encoding", "source"]
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl"}
SIDECAR_NAMES = ("metadata.csv",)
DEFAULT_MAX_MB = 20.0


def load_corpus(
    path: str | Path,
    *,
    metadata: str | Path | None = None,
    max_file_mb: float = DEFAULT_MAX_MB,
    errors: str = "raise",
    columns: str | dict[str, str] | None = None,
) -> pd.DataFrame:
    """Read every article under ``path`` into a frame with the columns in :data:`COLUMNS`.

    ``metadata`` names a sidecar CSV (default: ``<folder>.csv`` or ``<folder>/metadata.csv`` if present).
    ``errors="raise"`` stops at the first unreadable file with a one-line :class:`InputError`;
    ``errors="skip"`` leaves such files out and lists them in ``frame.attrs["skipped"]`` as
    ``(file, reason)`` pairs, so nothing is lost silently. ``columns`` names the columns of a table corpus,
    as ``"text=body,outlet=source"`` or a dict (see :func:`parse_columns`).
    """
    mapping = parse_columns(columns)
    if errors not in ("raise", "skip"):
        raise InputError(f"errors must be 'raise' or 'skip', not {errors!r}.")
    root = resolve(path)
    if not root.exists():
        raise InputError(f"Corpus path not found: {root}")
    skipped: list[tuple[str, str]] = []
    if root.is_dir():
        rows = _read_folder(root, max_file_mb=max_file_mb, errors=errors, skipped=skipped)
        sidecar = resolve(metadata) if metadata else _find_sidecar(root)
    elif root.suffix.lower() in TABLE_SUFFIXES:
        _check_size(root, max_file_mb * 50)
        rows = _read_table(root, mapping=mapping)
        sidecar = resolve(metadata) if metadata else None
    elif root.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        rows = [_read_document(root, root.parent, max_file_mb=max_file_mb)]
        sidecar = resolve(metadata) if metadata else None
    else:
        raise InputError(f"Cannot read {root.name}: a corpus is a folder of .txt/.html files, a .csv or a .jsonl file.")
    if not rows:
        found = f" ({len(skipped)} unreadable: {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"No articles found in {root}: expected .txt or .html files{found}.")
    frame = pd.DataFrame(rows)
    _check_unique_ids(frame)
    if sidecar is not None:
        frame = _merge_metadata(frame, read_metadata(sidecar))
    frame = frame.reindex(columns=COLUMNS, fill_value="")
    frame = frame.astype(object).where(frame.notna(), "")
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    frame.attrs["skipped"] = skipped
    frame.attrs["source"] = str(root)
    return frame


# ---------------------------------------------------------------- folders and files
def _read_folder(root: Path, *, max_file_mb: float, errors: str, skipped: list) -> list[dict]:
    rows = []
    sidecars = {root / name for name in SIDECAR_NAMES}
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or file in sidecars:
            continue
        suffix = file.suffix.lower()
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            if suffix not in {".md", ".csv", ".json", ".jsonl"}:
                skipped.append((str(rel), f"not a .txt or .html file ({suffix or 'no extension'})"))
            continue
        try:
            rows.append(_read_document(file, root, max_file_mb=max_file_mb))
        except InputError as err:
            if errors == "raise":
                raise
            skipped.append((str(rel), str(err)))
    return rows


def _read_document(file: Path, root: Path, *, max_file_mb: float) -> dict:
    _check_size(file, max_file_mb)
    raw = file.read_bytes()
    text, encoding = decode_bytes(raw, name=file.name)
    is_html = file.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text)
    meta: dict[str, str] = {}
    if is_html:
        text, meta = _html_to_text(text, name=file.name)
    if not text.strip():
        raise InputError(f"{file.name} has no text (empty or whitespace only).")
    rel = file.relative_to(root)
    return {
        "doc_id": file.stem,
        **meta,
        "section": "/".join(rel.parts[:-1]),
        "text": text,
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "encoding": encoding + ("+html" if is_html else ""),
        "source": str(file),
    }


def _check_size(file: Path, max_mb: float) -> None:
    size = file.stat().st_size
    if size == 0:
        raise InputError(f"{file.name} is empty (0 bytes).")
    if size > max_mb * 1024 * 1024:
        raise InputError(
            f"{file.name} is {size / 1024 / 1024:.1f} MB, over the {max_mb:g} MB limit for one article; "
            "split it or raise max_file_mb."
        )


def decode_bytes(raw: bytes, *, name: str = "file") -> tuple[str, str]:
    """Decode raw bytes, detecting the encoding; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; other bytes are read as cp1252 (a superset
    of latin-1 for printable text), falling back to latin-1. Binary data (NUL bytes or many control
    characters) is refused.

    >>> decode_bytes("Zelensky’s".encode("cp1252"))
    ('Zelensky’s', 'cp1252')
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if raw.startswith(bom):
            return raw.decode(codec), codec
    if b"\x00" in raw[:8192] or _control_share(raw[:8192]) > 0.05:
        raise InputError(f"{name} looks binary, not text; only .txt, .html, .csv and .jsonl files can be read.")
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _html_to_text(html: str, *, name: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a web page, via trafilatura (boilerplate-aware extraction)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    found = {}
    if meta is not None:
        for field, attr in (("title", "title"), ("date", "date"), ("author", "author"), ("outlet", "sitename"),
                            ("url", "url")):
            value = getattr(meta, attr, None)
            if value:
                found[field] = str(value)
    if not text.strip():
        raise InputError(f"{name}: no article text could be extracted from this HTML page.")
    return text, found


# ---------------------------------------------------------------- tables
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
        if field not in ["doc_id", *METADATA_FIELDS, "section", "text"] or not column:
            raise InputError(f"Parameter columns: {spec!r} is not a list of field=column pairs with fields from "
                             f"doc_id, {', '.join(METADATA_FIELDS)}, section, text (e.g. \"text=body,outlet=source\").")
        mapping[field] = column
    return mapping


def _read_table(file: Path, *, mapping: dict[str, str] | None = None) -> list[dict]:
    raw = file.read_bytes()
    text, encoding = decode_bytes(raw, name=file.name)
    if file.suffix.lower() == ".csv":
        import io

        try:
            table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
            raise InputError(f"{file.name} is not a readable CSV file: {str(err).strip().splitlines()[-1]}") from None
        records = table.to_dict("records")
    else:
        records = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{file.name} line {n} is not valid JSON: {err.msg}.") from None
            if not isinstance(record, dict):
                raise InputError(f"{file.name} line {n} is not a JSON object.")
            records.append(record)
    if not records:
        raise InputError(f"{file.name} has no rows.")
    if mapping:
        missing = [column for column in mapping.values() if column not in records[0]]
        if missing:
            raise InputError(f"{file.name} has no column {missing[0]!r} named in columns "
                             f"(columns: {', '.join(map(str, records[0]))}).")
        renamed = {column: field for field, column in mapping.items()}
        records = [{renamed.get(k, k): v for k, v in record.items() if k not in mapping} for record in records]
    if "text" not in records[0]:
        raise InputError(f"{file.name} has no 'text' column (columns: {', '.join(map(str, records[0]))}).")
    rows = []
    width = len(str(len(records)))
    for i, record in enumerate(records):
        body = "" if record.get("text") is None else str(record["text"])
        if not body.strip():
            raise InputError(f"{file.name} row {i + 1} has an empty text.")
        doc_id = str(record.get("doc_id") or f"{file.stem}_{i:0{width}d}")
        extra = {k: "" if v is None else str(v) for k, v in record.items() if k in METADATA_FIELDS + ["section"]}
        rows.append({
            **extra,
            "doc_id": doc_id,
            "text": body,
            "raw_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "encoding": encoding,
            "source": f"{file}#{i + 1}",
        })
    return rows


# ---------------------------------------------------------------- metadata
def _find_sidecar(folder: Path) -> Path | None:
    for candidate in (folder.with_suffix(".csv"), *(folder / name for name in SIDECAR_NAMES)):
        if candidate.is_file():
            return candidate
    return None


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read a metadata sidecar: a CSV with a ``doc_id`` column and any of title, date, outlet, author, url."""
    file = resolve(path)
    if not file.is_file():
        raise InputError(f"Metadata file not found: {file}")
    text, _ = decode_bytes(file.read_bytes(), name=file.name)
    import io

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


def _merge_metadata(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(meta["doc_id"]) - set(frame["doc_id"]))
    if unknown:
        shown = ", ".join(unknown[:3]) + (" …" if len(unknown) > 3 else "")
        raise InputError(f"The metadata file names {len(unknown)} doc_id(s) with no article: {shown}.")
    fields = [c for c in meta.columns if c in METADATA_FIELDS + ["section"]]
    merged = frame.set_index("doc_id")
    for field in fields:
        values = meta.set_index("doc_id")[field]
        values = values[values.str.strip() != ""]
        if field not in merged.columns:
            merged[field] = ""
        merged.loc[values.index, field] = values
    return merged.reset_index()


def _check_unique_ids(frame: pd.DataFrame) -> None:
    dupes = frame[frame["doc_id"].duplicated(keep=False)]
    if len(dupes):
        first = dupes.iloc[0]["doc_id"]
        sources = dupes.loc[dupes["doc_id"] == first, "source"].tolist()
        raise InputError(f"Duplicate doc_id {first!r}: {' and '.join(sources[:2])}. Rename one of them.")


def corpus_checksum(articles: pd.DataFrame) -> str:
    """One SHA-256 over every article's raw checksum: changes whenever any raw file changes."""
    digest = hashlib.sha256()
    for doc_id, sha in sorted(zip(articles["doc_id"], articles["raw_sha256"])):
        digest.update(f"{doc_id}:{sha}\n".encode())
    return digest.hexdigest()


def describe_articles(articles: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article for an overview: a display title (the first words when no title is known), date,
    outlet, author, section, words, sentences, encoding.

    >>> describe_articles(pd.DataFrame({"doc_id": ["a"], "title": [""], "date": [""], "outlet": [""],
    ...     "author": [""], "section": [""], "encoding": ["utf-8"],
    ...     "text": ["Kyiv said talks would resume on Monday after a pause."]}))["title"].iloc[0]
    '[Kyiv said talks would resume on Monday after …]'
    """
    from lib.text import word_count

    def display_title(row) -> str:
        if str(row["title"]).strip():
            return row["title"]
        words = str(row["text"]).split()
        return "[" + " ".join(words[:8]) + (" …]" if len(words) > 8 else "]")

    table = pd.DataFrame({
        "doc_id": articles["doc_id"],
        "title": articles.apply(display_title, axis=1),
        **{field: articles[field] for field in ("date", "outlet", "author", "section")},
        "words": articles["text"].map(word_count),
    })
    if sentences is not None:
        table["sentences"] = table["doc_id"].map(sentences.groupby("doc_id").size()).fillna(0).astype(int)
    table["encoding"] = articles["encoding"]
    return table.reset_index(drop=True)
