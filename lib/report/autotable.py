"""The actor tables of a run, settled before any notebook starts.

With ``actors="auto"`` on a corpus other than the bundled one, the notebooks count the actors of a table built
from the corpus (``lib.pipeline.Annotated.auto_actors_file``). The runner builds it once, here, so that the
kernels only read it; copies it beside the reports (``<out>/actors_auto.csv``, ready to edit and pass back with
``-p actors``); and then checks the parameters that name actors (``focus_actor``, ``follow_actors``) against
it by running each notebook's validation cell again with that table, so an unknown name stops the run with one
line (exit code 2) instead of failing inside a kernel. For a table given by the user, the corpus's automatic
table is built as well: every report compares the two (``lib.actors.actor_table_fit``) and warns when the given
table fits badly.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lib.errors import InputError, ResourceMissing
from lib.report.notebooks import annotation_request, validate_notebook

__all__ = ["prepare_actor_tables"]


def _request(namespace: dict | None, cache_dir) -> tuple | None:
    """(corpus, errors, columns, actors, cache folder) a notebook's validated parameters ask for, or None."""
    request = annotation_request(namespace)
    if request is None or not (request["actors"] or "").strip():
        return None
    return (request["corpus"], request["errors"], request["columns"] or None, request["actors"],
            cache_dir or request["cache_dir"])


def _build(request: tuple, out: Path, *, progress: bool) -> Path | None:
    """Build (or read from the cache) the corpus's automatic table; publish it into ``out`` when the notebooks
    use it. Returns its path when the notebooks count with it, else None."""
    from lib.actors import publish_auto_table
    from lib.pipeline import annotate

    corpus, errors, columns, actors, cache = request
    data = annotate(corpus, actors, errors=errors, columns=columns, cache_dir=cache, progress=progress)
    if data.actors_path is None:
        return None
    if progress and not data.auto_actors_ready():
        print(f"Building the automatic actor table of {corpus} (once; cached)...", file=sys.stderr)
    path = data.auto_actors_file()
    if not data.actors_auto:
        return None
    publish_auto_table(path, out)
    return path


def prepare_actor_tables(notebooks: list[Path], parameters: dict[Path, dict], out: Path, *,
                         cache_dir: str | Path | None = None, progress: bool = False) -> dict[tuple, Path | None]:
    """Build each automatic actor table the selected notebooks need, once; publish it as
    ``out/actors_auto.csv``; re-validate the notebooks that use it with that table (an unknown focus actor
    raises ``InputError``). Returns {request: automatic table path or None}.

    A failure that is not bad input is reported in one line and left to the notebooks, which build the table
    themselves and show the error where it happens."""
    built: dict[tuple, Path | None] = {}
    for notebook in notebooks:
        values = parameters.get(notebook, {})
        request = _request(validate_notebook(notebook, values), cache_dir)
        if request is None:
            continue
        if request not in built:
            try:
                built[request] = _build(request, out, progress=progress)
            except (InputError, ResourceMissing):
                raise
            except Exception as err:  # noqa: BLE001 - a bug, not bad input: the notebooks will show it in place
                print(f"warning: the actor table of {request[0]} could not be prepared before the notebooks "
                      f"({type(err).__name__}: {err}); each notebook builds it for itself.", file=sys.stderr)
                built[request] = None
        if built[request] is not None:
            validate_notebook(notebook, {**values, "actors": str(built[request])})
    return built
