"""Project locations, so notebooks run the same from JupyterLab, papermill and the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = DATA / "corpus"
CORPUS_METADATA = DATA / "corpus.csv"
ACTORS = DATA / "actors.csv"
TOPICS = DATA / "topics.csv"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
CACHE = ROOT / ".cache"
BENCH = ROOT.parent / "shared" / "bench"


def resolve(path: str | Path) -> Path:
    """Resolve a user path: absolute as given, relative paths against the project root.

    >>> resolve("data/corpus") == CORPUS
    True
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else (ROOT / p)
