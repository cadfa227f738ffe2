"""Annotate each corpus once, before any notebook starts, so that the notebooks only read the cache.

The notebooks of one run usually share a corpus and its tables; :func:`annotation_jobs` merges what they will
ask :func:`lib.pipeline.annotate` for into one job per corpus and table pair, and :func:`annotate_once` builds
every chunk stage of each job (a progress bar per stage), on this machine or on a Dask cluster
(``scheduler``). A notebook then finds every stage complete in the cache and reads it: on a cold cache two
notebooks no longer wait for each other's annotation, and the pool of ``workers`` processes works for all.

>>> annotation_jobs([{"corpus": "c", "errors": "skip", "columns": "", "actors": None, "topics": None,
...                   "cache_dir": ".cache"},
...                  {"corpus": "c", "errors": "skip", "columns": "", "actors": "a.csv", "topics": "auto",
...                   "cache_dir": ".cache"}], cache_dir=None)
[{'corpus': 'c', 'errors': 'skip', 'columns': None, 'cache_dir': '.cache', 'actors': 'a.csv', 'topics': 'auto'}]
"""

from __future__ import annotations

import sys

__all__ = ["annotate_once", "annotation_jobs"]


def annotation_jobs(requests: list[dict], *, cache_dir: str | None) -> list[dict]:
    """One job per (corpus, errors, columns, cache) and actor/topic table pair the notebooks use; a notebook
    without tables (``None``) is served by any job on its corpus. ``cache_dir`` (the runner's) overrides the
    notebooks' own."""
    jobs: dict[tuple, dict] = {}
    for request in requests:
        base = {"corpus": request["corpus"], "errors": request["errors"], "columns": request["columns"] or None,
                "cache_dir": cache_dir or request["cache_dir"]}
        key = tuple(base.values())
        tables = jobs.setdefault(key, {"actors": set(), "topics": set()})
        for name in ("actors", "topics"):
            if request[name]:
                tables[name].add(request[name])
    result = []
    for key, tables in jobs.items():
        base = dict(zip(("corpus", "errors", "columns", "cache_dir"), key, strict=True))
        for actors in sorted(tables["actors"]) or [None]:
            for topics in sorted(tables["topics"]) or [None]:
                result.append({**base, "actors": actors, "topics": topics})
    return result


def annotate_once(jobs: list[dict], *, workers: int | None = None, scheduler: str | None = None,
                  progress: bool = True) -> dict[str, float]:
    """Build every chunk stage of each job (already cached stages are skipped); returns the seconds per stage.

    An input error (``InputError``, ``ResourceMissing``) stops the run; any other failure is reported in one
    line and left to the notebooks, which then annotate themselves and show the error where it happens."""
    from lib.errors import InputError, ResourceMissing
    from lib.pipeline import annotate

    seconds: dict[str, float] = {}
    for job in jobs:
        try:
            data = annotate(job["corpus"], job["actors"], job["topics"], errors=job["errors"],
                            columns=job["columns"], cache_dir=job["cache_dir"], workers=workers,
                            scheduler=scheduler, progress=progress, stages=None)
        except (InputError, ResourceMissing):
            raise
        except Exception as err:  # noqa: BLE001 - a bug, not bad input: the notebooks will show it in place
            print(f"warning: annotating {job['corpus']} before the notebooks failed ({type(err).__name__}: "
                  f"{err}); each notebook annotates for itself.", file=sys.stderr)
            continue
        for stage, value in data.timings.items():
            seconds[stage] = seconds.get(stage, 0.0) + value
    return seconds
