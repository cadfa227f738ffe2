"""Validate everything before any kernel starts, with the notebooks' own code and the library's loaders.

For each notebook the runner executes, in this process, its parameters cell, the given values, its imports cell
and the cell that calls ``params.validate`` (with the checks after it in that cell: tables loaded, actor and topic
names resolved). Then it reads each corpus once with ``lib.corpus.load_corpus``. The first bad input stops the
run with the library's one-line message (exit code 2), seconds before a kernel would have found it.
"""

from __future__ import annotations

from pathlib import Path

from lib.errors import InputError

__all__ = ["check_offline_resources", "validate_all", "validation_cells", "validate_notebook"]

VALIDATE_CALL = "params.validate("


def validate_all(notebooks: list[Path], parameters: dict[Path, dict]) -> None:
    """Raise InputError (or ResourceMissing) for the first problem any selected notebook would hit."""
    corpora = {}
    for notebook in notebooks:
        namespace = validate_notebook(notebook, parameters.get(notebook, {})) or {}
        checked = namespace.get("checked") if isinstance(namespace.get("checked"), dict) else {}
        if isinstance(checked.get("corpus"), str):  # the values validated, before later code reuses a name
            columns = checked.get("columns") if isinstance(checked.get("columns"), str) else ""
            corpora[(checked["corpus"], str(checked.get("on_bad_file", "raise")), columns or None)] = notebook
    for (corpus, on_bad_file, columns), _ in corpora.items():
        check_corpus(corpus, errors=on_bad_file, columns=columns)
    check_offline_resources()


def validation_cells(notebook: Path) -> list[str]:
    """Sources of the parameters cell and of the code cells up to the one that calls ``params.validate``
    (empty when the notebook has no such call)."""
    import nbformat

    cells = [c for c in nbformat.read(str(notebook), as_version=4).cells if c.cell_type == "code"]
    first = next((i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])), None)
    if first is None:
        return []
    for last in range(first + 1, len(cells)):
        if VALIDATE_CALL in cells[last].source:
            return [c.source for c in cells[first:last + 1]]
    return []


def validate_notebook(notebook: Path, values: dict) -> dict | None:
    """Run a notebook's validation in this process; its namespace afterwards (None when it has none)."""
    sources = validation_cells(notebook)
    if not sources:
        return None
    namespace: dict = {"__name__": "__preflight__"}
    try:
        exec(compile(sources[0], f"{notebook.name} (parameters)", "exec"), namespace)  # noqa: S102
        namespace.update(values)
        for source in sources[1:]:
            exec(compile(source, f"{notebook.name} (validation)", "exec"), namespace)  # noqa: S102
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - not an input error: the notebook itself will show what went wrong
        return None
    return namespace


def check_corpus(corpus: str, *, errors: str, columns) -> None:
    """Read the corpus the way the notebooks will (format, ids, unreadable files under ``errors="raise"``)."""
    from lib.corpus import load_corpus

    kwargs = {"columns": columns} if columns else {}
    load_corpus(corpus, errors=errors if errors in ("raise", "skip") else "raise", **kwargs)


def check_offline_resources() -> None:
    """Fail before any kernel starts if a resource the notebooks need is missing."""
    from lib.sentiment import load_lexicon
    from lib.sentiment.model import check_installed
    from lib.text import check_resources

    check_resources()
    load_lexicon()
    check_installed()
