"""Load a corpus of news articles into one tidy frame, one row per article.

A corpus is a folder of ``.txt`` / ``.html`` files (searched recursively: the ``doc_id`` is the path without
extension, ``politics/001``, and the first folder is the ``section``), or one ``.csv``, ``.tsv``, ``.jsonl``,
``.json`` (a list of records) or ``.parquet`` table, or a ``.zip`` of any of these. Table columns are found by
their usual names (``body``, ``source``, ``published``...) or an explicit ``columns`` mapping; other columns are
kept as metadata. Outlet spellings are merged, dates become ISO days, exact duplicate texts are kept once, and
everything left out is listed with the reason. Raw files are only ever read.

>>> articles = load_corpus("data/corpus")            # doctest: +SKIP
>>> articles[["doc_id", "title", "encoding"]].head()  # doctest: +SKIP

Modules: ``walk`` (folders, symlinks, zip), ``decode`` (encodings, gibberish, HTML), ``tables`` (table formats),
``columns`` (column names), ``read`` (entries to rows), ``normalise`` (outlets, dates, duplicates), ``metadata``
(sidecars), ``load`` (load and check), ``overview`` (checksums, article table, loading notes); ``stream``
(:func:`read_chunks`: the same frame in chunks, never held whole), ``records`` (tables read in batches),
``spool`` (rows parked on disk until their chunk).
"""

from lib.corpus.columns import parse_columns, resolve_columns
from lib.corpus.decode import decode_bytes, is_gibberish
from lib.corpus.load import ACCEPTED, COLUMNS, METADATA_FIELDS, check_corpus, load_corpus
from lib.corpus.metadata import read_metadata
from lib.corpus.normalise import duplicate_texts, normalise_outlets, outlet_key, parse_dates
from lib.corpus.overview import corpus_checksum, corpus_fingerprint, describe_articles, loading_notes
from lib.corpus.stream import CorpusChunks, CorpusSummary, read_chunks

__all__ = ["ACCEPTED", "COLUMNS", "METADATA_FIELDS", "CorpusChunks", "CorpusSummary", "check_corpus",
           "corpus_checksum", "corpus_fingerprint", "decode_bytes", "describe_articles", "duplicate_texts",
           "is_gibberish", "load_corpus", "loading_notes", "normalise_outlets", "outlet_key", "parse_columns",
           "parse_dates", "read_chunks", "read_metadata", "resolve_columns"]
