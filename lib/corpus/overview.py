"""What a loaded corpus holds and what the loader did to it: checksums, an article table, loading notes.

>>> notes = loading_notes({"skipped": [("x.bin", "not an article file (.bin)")]})
>>> notes["skipped"].to_dict("records")
[{'file': 'x.bin', 'reason': 'not an article file (.bin)'}]
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

__all__ = ["corpus_checksum", "corpus_fingerprint", "describe_articles", "loading_notes"]

NOTE_COLUMNS = {
    "skipped": ["file", "reason"],
    "duplicates": ["doc_id", "duplicate_of"],
    "outlets": ["original", "outlet", "articles"],
    "unparsed_dates": ["doc_id", "date"],
}


def loading_notes(attrs: dict) -> dict[str, pd.DataFrame]:
    """The loader's notes (``load_corpus(...).attrs``) as tables: skipped files, duplicate texts left out,
    outlet spellings merged (only those that changed) and dates that could not be read."""
    notes = {name: pd.DataFrame(list(attrs.get(name, [])), columns=columns) for name, columns in NOTE_COLUMNS.items()}
    outlets = notes["outlets"]
    notes["outlets"] = outlets[outlets["original"] != outlets["outlet"]].reset_index(drop=True)
    return notes


def corpus_checksum(articles: pd.DataFrame) -> str:
    """One SHA-256 over every article's raw checksum: changes whenever any raw file changes."""
    digest = hashlib.sha256()
    for doc_id, sha in sorted(zip(articles["doc_id"], articles["raw_sha256"])):
        digest.update(f"{doc_id}:{sha}\n".encode())
    return digest.hexdigest()


def corpus_fingerprint(path: str | Path) -> str:
    """One SHA-256 over the bytes of a corpus, read without parsing: the name and content of every file of a
    folder (and its metadata sidecar, and what the walk skipped), or of the one table or zip file. It changes
    whenever an article, a row or the sidecar changes, and takes about a second per 400 MB.

    >>> len(corpus_fingerprint("data/corpus"))   # doctest: +SKIP
    64
    """
    from lib.corpus.load import corpus_kind
    from lib.corpus.metadata import find_sidecar
    from lib.corpus.walk import walk_folder
    from lib.paths import resolve

    root = resolve(path)
    kind = corpus_kind(root)
    entries, skipped = walk_folder(root) if kind == "folder" else ([], [])
    files = [(e.name, e.path) for e in entries] if kind == "folder" else [(root.name, root)]
    sidecar = find_sidecar(root) if kind == "folder" else None
    if sidecar is not None:
        files.append((f"sidecar:{sidecar.name}", sidecar))
    digest = hashlib.sha256(f"{kind}\n{skipped!r}\n".encode())
    for name, file in files:
        digest.update(f"{name}\n".encode())
        try:
            with open(file, "rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
        except OSError as err:  # the loader will say what is wrong; the key must differ from a readable file
            digest.update(f"unreadable: {err}".encode())
        digest.update(b"\n")
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
