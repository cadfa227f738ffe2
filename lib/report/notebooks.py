"""Which notebooks to run, which parameters they take, and everything checked before any kernel starts.

Validation runs the notebooks' own code in this process: for each notebook, its parameters cell, the given
values, its imports cell and the cell that calls ``params.validate`` (with the checks after it in that cell:
tables loaded, actor and topic names resolved). Then each corpus is read once with ``lib.corpus.load_corpus``.
The first bad input stops the run with the library's one-line message (exit code 2), seconds before a kernel
would have found it.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

from lib import paths
from lib.errors import InputError
from lib.imports import import_without

__all__ = ["NOTEBOOK_NAME", "RUNNER_PARAMETERS", "annotation_request", "check_offline_resources", "coerce",
           "find_notebooks", "import_papermill", "notebook_parameters", "resolve_parameters", "resolve_paths",
           "validate_all", "validate_notebook", "validation_cells"]

NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
RUNNER_PARAMETERS = ("tables_dir", "cache_dir", "interactive")  # set by the runner where declared
VALIDATE_CALL = "params.validate("


def find_notebooks(selection: str | None = None, *, folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """Notebooks named ``NN_name.ipynb``; ``selection`` is a comma list of names, two-digit prefixes or paths.

    >>> [p.name for p in find_notebooks("00")]
    ['00_corpus_overview.ipynb']
    """
    available = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if not selection:
        return available
    chosen: list[Path] = []
    for item in (s.strip() for s in selection.split(",") if s.strip()):
        match = [p for p in available if p.stem == item.removesuffix(".ipynb") or p.name[:2] == item]
        if not match and item.endswith(".ipynb") and Path(item).expanduser().is_file():
            match = [Path(item).expanduser().resolve()]
        if not match:
            names = ", ".join(p.stem for p in available)
            raise InputError(f"No notebook {item!r}; available: {names}.")
        chosen += [p for p in match if p not in chosen]
    return chosen


def import_papermill():
    """papermill without jsonschema's optional IRI grammar (1.4 s of its 2 s import; see lib.imports)."""
    return import_without("papermill", "rfc3987_syntax", importer="jsonschema")


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> {type, default, help} (from its ``parameters`` cell)."""
    stat = Path(notebook).stat()
    return dict(_parameters(str(notebook), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _parameters(notebook: str, _mtime: int, _size: int) -> tuple:
    papermill = import_papermill()
    return tuple((name, {"type": p["inferred_type_name"], "default": p["default"], "help": p["help"]})
                 for name, p in papermill.inspect_notebook(notebook).items())


def coerce(name: str, raw: str, declared: str):
    """Turn a command-line string into the declared type, or raise InputError naming the parameter.

    >>> coerce("top_n", "5", "int")
    5
    """
    base = declared.replace("typing.", "").split("[")[0].strip().lower()
    try:
        if base == "int":
            return int(raw)
        if base == "float":
            return float(raw)
        if base == "bool":
            lowered = raw.strip().lower()
            if lowered not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError
            return lowered in {"true", "1", "yes"}
        if base in {"list", "dict", "tuple"}:
            value = json.loads(raw)
            if type(value).__name__ != ("list" if base == "tuple" else base):
                raise ValueError
            return value
    except ValueError:
        raise InputError(f"Parameter {name} expects {declared}, got {raw!r}.") from None
    return raw


def resolve_parameters(notebooks: list[Path], given: dict[str, str]) -> dict[Path, dict]:
    """Per notebook, the given parameters it declares, coerced to their declared types.

    A name that no selected notebook declares is an error that suggests the closest declared name.
    """
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    known = sorted({name for params in declared.values() for name in params} - set(RUNNER_PARAMETERS))
    for name in given:
        if name in RUNNER_PARAMETERS:
            raise InputError(f"Parameter {name} is set by the runner (use --out or --cache-dir).")
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else f" Known parameters: {', '.join(known)}."
            raise InputError(f"Unknown parameter {name!r}: no selected notebook declares it.{hint}")
    return {nb: {name: coerce(name, raw, params[name]["type"]) for name, raw in given.items() if name in params}
            for nb, params in declared.items()}


def resolve_paths(notebooks: list[Path], given: dict[str, str], *, cwd: Path | None = None) -> dict[str, str]:
    """Make path parameters absolute and check that they exist, before any kernel starts.

    A path parameter is one whose default names an existing file or folder of the project (``corpus``), or
    whose default is ``"auto"`` and whose value names a ``.csv`` file (``actors``, ``topics``). A relative value
    is taken from the current folder when it exists there, else from the project root (as inside the
    notebooks). A corpus folder must hold at least one .txt or .html file.
    """
    cwd = cwd or Path.cwd()
    defaults = {name: p["default"] for nb in notebooks for name, p in notebook_parameters(nb).items()}
    resolved = dict(given)
    for name, value in given.items():
        default = str(defaults.get(name, "")).strip("\"'")
        table = default.lower() == "auto" and str(value).strip().lower().endswith(".csv")
        if not table and (not default or not paths.resolve(default).exists()):
            continue
        here = (cwd / Path(value).expanduser()).resolve()
        path = here if here.exists() else paths.resolve(value)
        if not path.exists():
            raise InputError(f"Parameter {name}: {value!r} does not exist (looked in {cwd} and {paths.ROOT}).")
        if path.is_dir() and not any(p.suffix.lower() in {".txt", ".html", ".htm"} for p in path.rglob("*")):
            raise InputError(f"Parameter {name}: the folder {path} holds no .txt or .html articles.")
        resolved[name] = str(path)
    return resolved


# ---------------------------------------------------------------- validation before any kernel starts



def validate_all(notebooks: list[Path], parameters: dict[Path, dict]) -> list[dict]:
    """Raise InputError (or ResourceMissing) for the first problem any selected notebook would hit; return what
    the notebooks will annotate: one :func:`annotation_request` per notebook that reads a corpus."""
    requests = [annotation_request(validate_notebook(nb, parameters.get(nb, {}))) for nb in notebooks]
    requests = [request for request in requests if request is not None]
    for corpus, errors, columns in dict.fromkeys((r["corpus"], r["errors"], r["columns"] or None) for r in requests):
        check_corpus(corpus, errors=errors, columns=columns)
    check_offline_resources()
    return requests


def annotation_request(namespace: dict | None) -> dict | None:
    """What a validated notebook will ask ``annotate`` for: ``{"corpus", "errors", "columns", "actors", "topics",
    "cache_dir"}`` from the values its validation checked (``actors``/``topics`` None when it does not declare
    them); None for a notebook that reads no corpus.

    >>> annotation_request({"checked": {"corpus": "c", "on_bad_file": "skip", "actors": "auto"}})["actors"]
    'auto'
    """
    checked = (namespace or {}).get("checked")
    if not isinstance(checked, dict) or not isinstance(checked.get("corpus"), str):
        return None  # the values validated, before later code reuses a name
    errors = str(checked.get("on_bad_file", "raise"))
    return {"corpus": checked["corpus"], "errors": errors if errors in ("raise", "skip") else "raise",
            "columns": _text(checked.get("columns")) or "", "actors": _text(checked.get("actors")),
            "topics": _text(checked.get("topics")), "cache_dir": _text(checked.get("cache_dir"))}


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


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
