"""Project locations, so notebooks run the same from JupyterLab, papermill and the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = DATA / "corpus"
CORPUS_METADATA = DATA / "corpus.csv"
ACTORS = DATA / "actors.csv"
TOPICS = DATA / "topics.csv"
TOPICS_GENERAL = DATA / "topics_general.csv"
TONE_LABELS = DATA / "validation" / "tone_labels_bundled.csv"  # hand labels for the bundled corpus (notebook 02)
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


def is_bundled(corpus: str | Path) -> bool:
    """True when ``corpus`` is the bundled corpus (``data/corpus``), however the path is written: notebooks show
    their remarks about the bundled story only then.

    >>> is_bundled("data/corpus"), is_bundled(CORPUS / "." ), is_bundled("~/news")
    (True, True, False)
    """
    return resolve(corpus).resolve() == CORPUS.resolve()


def topic_lexicon(topics: str | Path, *, corpus: str | Path) -> Path:
    """The topic lexicon to use: ``"auto"`` means the story's own lexicon (``data/topics.csv``) for the bundled
    corpus and the general news lexicon (``data/topics_general.csv``) for any other; a path is resolved.

    >>> topic_lexicon("auto", corpus="data/corpus") == TOPICS, topic_lexicon("auto", corpus="~/news") == TOPICS_GENERAL
    (True, True)
    >>> topic_lexicon("my_topics.csv", corpus="data/corpus") == ROOT / "my_topics.csv"
    True
    """
    if str(topics).strip().lower() != "auto":
        return resolve(topics)
    return TOPICS if is_bundled(corpus) else TOPICS_GENERAL


def tone_labels(labels: str | Path, *, corpus: str | Path) -> Path | None:
    """The filled-in validation labels to read: ``"auto"`` means the shipped example for the bundled corpus and
    none (``None``) for any other; an empty string means none; a path is resolved.

    >>> tone_labels("auto", corpus="data/corpus") == TONE_LABELS, tone_labels("auto", corpus="~/news")
    (True, None)
    """
    text = str(labels).strip()
    if text.lower() == "auto":
        return TONE_LABELS if resolve(corpus).resolve() == CORPUS.resolve() else None
    return resolve(text) if text else None


AUTO = "auto"


def actor_table(actors: str | Path, *, corpus: str | Path) -> Path | str:
    """The actor table to use: ``"auto"`` means the bundled table (``data/actors.csv``) for the bundled corpus
    and, for any other, ``AUTO`` (a table built from the corpus by ``lib.pipeline``); a path is resolved.

    >>> actor_table("auto", corpus="data/corpus") == ACTORS, actor_table("auto", corpus="~/news")
    (True, 'auto')
    """
    if str(actors).strip().lower() != AUTO:
        return resolve(actors)
    return ACTORS if is_bundled(corpus) else AUTO
