"""What a report says about its actor table, and where the automatic table is kept for the user.

The ``actors`` parameter of the notebooks is a CSV file or ``"auto"`` (``lib.paths.actor_table``): the bundled
table for the bundled corpus, and for any other corpus a table built from the corpus by ``lib.pipeline``.

* :func:`given_actor_table` loads the table a notebook's validation cell can check now (a file, or ``auto`` on
  the bundled corpus); ``None`` when the table is built from the corpus later.
* :func:`publish_auto_table` copies the automatic table beside the reports (``actors_auto.csv``) without ever
  losing a user's edits.
* :func:`actor_table_note` is the one sentence at the top of a report: the automatic table announced (or, when
  it is empty, what to do), or the warning for a given table that fits the corpus badly.
* :func:`actor_fit_frame` is the same as a one-row table (``actor_table_fit.csv``, read by the index page).

>>> given_actor_table("auto", corpus="~/news") is None
True
>>> len(given_actor_table("auto", corpus="data/corpus")) > 0
True
"""

from __future__ import annotations

import filecmp
import os
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd

from lib import paths
from lib.actors.fit import actor_table_fit
from lib.actors.io import load_actors
from lib.actors.table import ActorTable

__all__ = ["AUTO_TABLE_FILE", "actor_fit_frame", "actor_table_note", "given_actor_table", "publish_auto_table"]

AUTO_TABLE_FILE = "actors_auto.csv"  # the automatic table's name beside the reports
_TYPE_WORDS = {"PERSON": "people", "ORG": "organisations", "LOC": "places"}
_NEAR_MISSES = 5  # names listed when the automatic table is empty


def given_actor_table(actors: str | Path, *, corpus: str | Path) -> ActorTable | None:
    """The actor table to check parameters against before anything is annotated: the file given (a broken one
    raises ``InputError`` naming the line), the bundled table for ``"auto"`` on the bundled corpus, or ``None``
    for ``"auto"`` on any other corpus (its table is built from the corpus when it is annotated)."""
    chosen = paths.actor_table(actors, corpus=corpus)
    return None if chosen == paths.AUTO else load_actors(chosen)


def publish_auto_table(source: str | Path, folder: str | Path) -> Path:
    """Copy the automatic table ``source`` to ``folder/actors_auto.csv`` and return that path. A different file
    already there (an earlier corpus, or the user's edits) is first renamed ``actors_auto.<its time>.csv``, so
    nothing is lost; the copy replaces the file in one step (readers never see half of it).

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> publish_auto_table(paths.ACTORS, folder).name, publish_auto_table(paths.ACTORS, folder).name
    ('actors_auto.csv', 'actors_auto.csv')
    """
    target = Path(folder) / AUTO_TABLE_FILE
    if target.is_file() and filecmp.cmp(source, target, shallow=False):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        stamp = datetime.fromtimestamp(target.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"actors_auto.{stamp}.csv")
        if not kept.exists():
            target.replace(kept)
    partial = target.with_name(f".{AUTO_TABLE_FILE}.{os.getpid()}.tmp")
    partial.write_bytes(Path(source).read_bytes())
    partial.replace(target)
    return target


def actor_table_note(data, *, folder: str | Path | None = None) -> str:
    """One sentence for the top of a report about the actor table of ``data`` (a ``lib.pipeline.Annotated``):
    for a table built automatically, how many actors, where its CSV is (published to ``folder`` when given,
    :func:`publish_auto_table`) and how to pass an edited copy back, or, when it is empty, that no actor was
    found and what to do; for a given table that fits the corpus badly, the warning (:func:`actor_table_fit`);
    otherwise an empty string."""
    if not data.actors_auto:
        return _fit(data).warning if data.actors_path is not None else ""
    path = Path(data.actors_path)
    if folder is not None and str(folder).strip():
        path = publish_auto_table(path, folder)
    table = data.actors
    if not len(table):
        return _empty_note(data, path)
    kinds = ", ".join(f"{n} {_TYPE_WORDS[t]}" for t, n in Counter(table.types.values()).most_common())
    return (f"No actor table was given, so one was built automatically from this corpus: {len(table)} actors "
            f"({kinds}), saved as {path}. Edit that file (merge, rename, retype or delete rows, add aliases) and "
            f"pass it back with `-p actors {path}`.")


def _empty_note(data, path: Path) -> str:
    """No name is frequent enough for the automatic table: say so, name the most frequent names, and the fix."""
    from lib.actors.auto import auto_actor_table

    least = data.auto_params["min_count"]
    near = auto_actor_table(data.sentences, min_count=1, max_actors=_NEAR_MISSES).frame
    seen = "; ".join(f"{n} ({t.lower()})" for n, t in zip(near["name"], near["type"], strict=True))
    return (f"No actors were found: no person, organisation or place is named {least} or more times in this corpus, "
            f"so the automatic actor table ({path}) is empty and the sections about actors below have nothing to "
            f"show. " + (f"Names seen fewer times: {seen}. " if seen else "")
            + "To count actors anyway, write a table in the format of data/actors.csv (one row per actor, with "
            "its aliases) and pass it with `-p actors FILE`.")


def _fit(data):
    return actor_table_fit(data.actors, load_actors(data.auto_actors_file()), source=str(data.actors_path))


def actor_fit_frame(data) -> pd.DataFrame:
    """One row about the actor table of ``data``: its file, whether it was built automatically, its actors,
    how many of the corpus's most frequent names it matches (``matched`` of ``frequent``, ``share``), some it
    misses, and the ``warning`` (empty when the fit is good; the index page lists it)."""
    columns = ["table", "automatic", "actors", "matched", "frequent", "share", "missing", "warning"]
    if data.actors_path is None:
        return pd.DataFrame(columns=columns)
    size = len(data.actors)
    if data.actors_auto:
        row = [str(data.actors_path), True, size, size, size, 1.0, "", ""]
    else:
        fit = _fit(data)
        row = [str(data.actors_path), False, size, fit.matched, fit.frequent, round(fit.share, 3),
               "|".join(fit.missing), fit.warning]
    return pd.DataFrame([row], columns=columns)
