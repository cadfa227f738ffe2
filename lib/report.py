"""Run the notebooks on a corpus and render them as HTML reports, with an index page.

    python -m lib.report                                  # every notebook, bundled corpus, into reports/
    python -m lib.report --corpus ~/my_news --out ~/my_reports -p top_n 30
    python -m lib.report --notebooks 00,02 --jobs 1

For each notebook NAME it writes, under ``--out``:

    NAME.ipynb          the executed notebook (kept, partial, when a cell fails)
    NAME.html           for readers: results and prose, code hidden
    NAME.code.html      for teaching: with the code
    NAME/*.csv          the tables the notebook saved with ``save_table``
    index.html          every notebook with its status, duration, error and links
    manifest.json       the same, for scripts

Parameters are checked before any kernel starts: a name no selected notebook declares, or a value that does
not fit the declared type, is an error (papermill alone would only warn). A notebook that fails does not stop
the others; it is marked failed in the index, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from lib import paths
from lib.errors import InputError, ResourceMissing
from lib.imports import import_without

__all__ = ["NOTEBOOK_NAME", "Result", "coerce", "find_notebooks", "harden", "main", "notebook_parameters", "render",
           "resolve_paths", "run_all", "save_table", "table_dir"]

NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
TABLES_ENV = "MEDIA_REPORT_TABLES"
KERNEL = "python3"


# ---------------------------------------------------------------- used inside notebooks
def table_dir() -> Path:
    """Where ``save_table`` writes: the report's folder for this notebook, or ``reports/tables`` interactively."""
    return Path(os.environ.get(TABLES_ENV) or paths.REPORTS / "tables")


def save_table(frame, name: str) -> Path:
    """Write a tidy table as ``<name>.csv`` beside the report (UTF-8, no index) and return its path."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise InputError(f"Table name {name!r} may use only letters, digits, '_' and '-'.")
    folder = table_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


# ---------------------------------------------------------------- notebooks and their parameters
def find_notebooks(selection: str | None = None, *, folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """Notebooks named ``NN_name.ipynb``; ``selection`` is a comma list of names or two-digit prefixes."""
    available = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if not selection:
        return available
    chosen = []
    for item in (s.strip() for s in selection.split(",") if s.strip()):
        match = [p for p in available if p.stem == item.removesuffix(".ipynb") or p.name[:2] == item]
        if not match:
            names = ", ".join(p.stem for p in available)
            raise InputError(f"No notebook {item!r}; available: {names}.")
        chosen += [p for p in match if p not in chosen]
    return chosen


def import_papermill():
    """papermill without jsonschema's optional IRI grammar (1.4 s of its 2 s import; see lib.imports)."""
    return import_without("papermill", "rfc3987_syntax")


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> {type, default, help} (from its ``parameters`` cell)."""
    papermill = import_papermill()

    return {name: {"type": p["inferred_type_name"], "default": p["default"], "help": p["help"]}
            for name, p in papermill.inspect_notebook(str(notebook)).items()}


def coerce(name: str, raw: str, declared: str):
    """Turn a command-line string into the declared type, or raise InputError naming the parameter."""
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
    known = sorted({name for params in declared.values() for name in params})
    for name in given:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else f" Known parameters: {', '.join(known)}."
            raise InputError(f"Unknown parameter {name!r}: no selected notebook declares it.{hint}")
    return {nb: {name: coerce(name, raw, params[name]["type"]) for name, raw in given.items() if name in params}
            for nb, params in declared.items()}


def resolve_paths(notebooks: list[Path], given: dict[str, str], *, cwd: Path | None = None) -> dict[str, str]:
    """Make path parameters absolute and check that they exist, before any kernel starts.

    A path parameter is one whose default names an existing file or folder of the project (``corpus``,
    ``actors``, ``topics``). A relative value is taken from the current folder when it exists there, else from
    the project root (as inside the notebooks). A corpus folder must hold at least one .txt or .html file.
    """
    cwd = cwd or Path.cwd()
    defaults = {name: p["default"] for nb in notebooks for name, p in notebook_parameters(nb).items()}
    resolved = dict(given)
    for name, value in given.items():
        default = str(defaults.get(name, "")).strip("\"'")
        if not default or not paths.resolve(default).exists():
            continue
        here = (cwd / Path(value).expanduser()).resolve()
        path = here if here.exists() else paths.resolve(value)
        if not path.exists():
            raise InputError(f"Parameter {name}: {value!r} does not exist (looked in {cwd} and {paths.ROOT}).")
        if path.is_dir() and not any(p.suffix.lower() in {".txt", ".html", ".htm"} for p in path.rglob("*")):
            raise InputError(f"Parameter {name}: the folder {path} holds no .txt or .html articles.")
        resolved[name] = str(path)
    return resolved


# ---------------------------------------------------------------- execution and rendering
@dataclass
class Result:
    """What happened to one notebook."""

    name: str
    status: str  # "ok" or "failed"
    seconds: float
    error: str = ""
    parameters: dict | None = None
    tables: list[str] | None = None


def run_one(notebook: Path, parameters: dict, out: Path, timeout: int) -> Result:
    """Execute one notebook with papermill's API and render both HTML flavours (also for a failed run)."""
    papermill = import_papermill()
    from papermill.exceptions import PapermillExecutionError

    from lib import kernels

    name = notebook.stem
    tables = out / name
    os.environ[TABLES_ENV] = str(tables)
    executed = out / f"{name}.ipynb"
    start = time.perf_counter()
    status, error = "ok", ""
    try:
        papermill.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL,
                                   cwd=str(notebook.parent), progress_bar=False, log_output=False,
                                   request_save_on_cell_execute=False,  # written once at the end, and on failure
                                   execution_timeout=timeout, kernel_manager_class=kernels.manager_class(),
                                   extra_arguments=["--IPKernelApp.log_level=CRITICAL"])  # no start-up chatter
    except PapermillExecutionError as err:
        status, error = "failed", f"{err.ename}: {err.evalue}".strip()
    except Exception as err:  # noqa: BLE001 - a kernel that dies must not stop the other notebooks
        status, error = "failed", f"{type(err).__name__}: {err}"
    seconds = time.perf_counter() - start
    if status == "failed" and not executed.exists():  # the kernel died before papermill could save
        keep_unexecuted(notebook, executed, parameters, error)
    if executed.exists():
        render(executed, out / f"{name}.html", code=False)
        render(executed, out / f"{name}.code.html", code=True)
    saved = sorted(p.name for p in tables.glob("*.csv")) if tables.is_dir() else []
    return Result(name, status, round(seconds, 2), error.splitlines()[0][:500] if error else "", parameters, saved)


def keep_unexecuted(notebook: Path, target: Path, parameters: dict, error: str) -> None:
    """Write the parameterised notebook with the error on top, when no partial run could be saved."""
    import nbformat

    import_papermill().execute_notebook(str(notebook), str(target), parameters=parameters, prepare_only=True,
                                        kernel_name=KERNEL, progress_bar=False)
    nb = nbformat.read(str(target), as_version=4)
    note = (f"**This notebook did not finish:** {error}. The kernel stopped before its outputs could be saved "
            "(out of memory is the usual cause on a large corpus); below is the notebook with your parameters, "
            "ready to run again.")
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))
    nbformat.write(nb, str(target))


def render(notebook: Path, target: Path, *, code: bool) -> Path:
    """HTML with nbconvert's lab template: offline (no CDN scripts), images embedded, scripts forbidden by CSP."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True, mathjax_url="",
                            require_js_url="", jquery_url="", exclude_input=not code,
                            exclude_input_prompt=not code, exclude_output_prompt=not code, exclude_anchor_links=True)
    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", []) or code]
    nb.metadata["title"] = notebook_title(nb) or notebook.stem
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(harden(body), encoding="utf-8")
    return target


def notebook_title(nb) -> str:
    """The text of the notebook's H1 (its question), for the page title."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if match:
                return match.group(1).strip()
    return ""


REPORT_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'none'; "
              "base-uri 'none'; form-action 'none'")


def harden(page: str) -> str:
    """Reports need no script: forbid every script by Content-Security-Policy and drop empty script tags, so
    corpus text that slipped past escaping could still not run (defence in depth)."""
    page = re.sub(r'<script src="">\s*</script>\s*', "", page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
    return re.sub(r"<head>", "<head>\n" + meta, page, count=1)


def run_all(notebooks: list[Path], parameters: dict[Path, dict], out: Path, *, jobs: int = 2,
            timeout: int = 600, progress: bool = True) -> list[Result]:
    """Run notebooks ``jobs`` at a time; write index.html and manifest.json; return the results in order."""
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Result] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(notebooks)))) as pool:
        futures = {pool.submit(run_one, nb, parameters.get(nb, {}), out, timeout): nb
                   for nb in longest_first(notebooks, out)}
        bar = tqdm(total=len(futures), desc="notebooks", unit="nb", disable=not progress, file=sys.stderr)
        for future in as_completed(futures):
            nb = futures[future]
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 - a crashed worker still gets a row in the index
                result = Result(nb.stem, "failed", 0.0, f"{type(err).__name__}: {err}", parameters.get(nb, {}), [])
            results[nb.stem] = result
            bar.set_postfix_str(f"{result.name}: {result.status}")
            bar.update()
        bar.close()
    ordered = [results[nb.stem] for nb in notebooks]
    write_index(ordered, out)
    return ordered


def longest_first(notebooks: list[Path], out: Path) -> list[Path]:
    """Start the slowest notebooks first, so that parallel workers finish together: durations from an earlier
    run's manifest in ``out`` when there is one, otherwise the notebook's size as a guess."""
    manifest = out / "manifest.json"
    earlier = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else []
    seconds = {r.get("name"): r.get("seconds", 0) for r in earlier}
    return sorted(notebooks, key=lambda nb: (seconds.get(nb.stem, 0), nb.stat().st_size), reverse=True)


def write_index(results: list[Result], out: Path) -> Path:
    """index.html (every value escaped) and manifest.json. Notebooks rendered into the same folder by an
    earlier run, and not re-run now, stay listed."""
    manifest = out / "manifest.json"
    earlier = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else []
    names = {r.name for r in results}
    kept = [Result(**r) for r in earlier if r.get("name") not in names and (out / f"{r.get('name')}.html").is_file()]
    results = sorted(kept + list(results), key=lambda r: r.name)
    manifest.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    rows = []
    for r in results:
        e = html.escape
        links = (f'<a href="{e(r.name)}.html">report</a> · <a href="{e(r.name)}.code.html">with code</a> · '
                 f'<a href="{e(r.name)}.ipynb">notebook</a>')
        tables = " ".join(f'<a href="{e(r.name)}/{e(t)}">{e(t)}</a>' for t in r.tables or [])
        params = ", ".join(f"{e(k)}={e(repr(v))}" for k, v in (r.parameters or {}).items()) or "defaults"
        rows.append(f'<tr class="{e(r.status)}"><td>{e(r.name)}</td><td>{e(r.status)}</td><td>{r.seconds:.1f} s</td>'
                    f"<td>{links}</td><td>{tables}</td><td>{params}</td><td>{e(r.error)}</td></tr>")
    failed = sum(r.status != "ok" for r in results)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Media-analysis reports</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'">
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}}
tr.failed td{{background:#fde8e8}}tr.ok td:nth-child(2){{color:#17702d}}</style></head><body>
<h1>Media-analysis reports</h1>
<p>{len(results)} notebook{"s" if len(results) != 1 else ""}, {failed} failed. Generated by
<code>python -m lib.report</code>.</p>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>pages</th><th>tables (CSV)</th><th>parameters</th>
<th>error</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


# ---------------------------------------------------------------- command line
def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m lib.report",
        description="Execute the analysis notebooks with papermill and render HTML reports plus an index page.",
        epilog="Examples:\n  python -m lib.report\n  python -m lib.report --corpus ~/news --out ~/news_reports\n"
               "  python -m lib.report --notebooks 01 -p focus_actor putin -p top_n 20\n\n"
               "Relative paths (--corpus, --out, and path parameters such as -p actors FILE) are taken from the\n"
               "current folder when they exist there, else from the project root.\n\n"
               "Exit status: 0 when every notebook ran, 1 when one failed, 2 for a usage or input error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--corpus", metavar="PATH", help="corpus folder, .csv or .jsonl (sets the 'corpus' parameter; "
                    "default: the bundled data/corpus)")
    ap.add_argument("--notebooks", metavar="NAMES", help="comma-separated notebook names or two-digit prefixes "
                    "(default: all in notebooks/)")
    ap.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="set a notebook parameter (repeatable); lists and dicts as JSON. Values are checked "
                         "against the type declared in each notebook's parameters cell")
    ap.add_argument("--out", metavar="DIR", default=str(paths.REPORTS), help="output folder (default: reports/)")
    ap.add_argument("--jobs", type=int, default=2, metavar="N", help="notebooks run at once (default: 2)")
    ap.add_argument("--timeout", type=int, default=600, metavar="S", help="seconds allowed per cell (default: 600)")
    ap.add_argument("--list", action="store_true", help="list the notebooks and their parameters, then exit")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        notebooks = find_notebooks(args.notebooks)
        if not notebooks:
            raise InputError(f"No notebooks found in {paths.NOTEBOOKS}.")
        if args.list:
            for nb in notebooks:
                print(nb.stem)
                for name, p in notebook_parameters(nb).items():
                    print(f"  {name}: {p['type']} = {p['default']}  # {p['help']}")
            return 0
        given = dict(args.parameter)
        if args.corpus:
            given["corpus"] = args.corpus
        parameters = resolve_parameters(notebooks, resolve_paths(notebooks, given))
        if args.jobs < 1:
            raise InputError("--jobs must be at least 1.")
        check_offline_resources()
    except (InputError, ResourceMissing) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out = Path(args.out).expanduser().resolve()
    results = run_all(notebooks, parameters, out, jobs=args.jobs, timeout=args.timeout, progress=not args.quiet)
    for r in results:
        print(f"{r.status:>6}  {r.seconds:6.1f} s  {r.name}" + (f"  — {r.error}" if r.error else ""))
    print(f"index: {out / 'index.html'}")
    return 1 if any(r.status != "ok" for r in results) else 0


def check_offline_resources() -> None:
    """Fail before any kernel starts if a resource the notebooks need is missing."""
    from lib.sentiment import load_lexicon
    from lib.sentiment.model import check_installed
    from lib.text import check_resources

    check_resources()
    load_lexicon()
    check_installed()


if __name__ == "__main__":
    sys.exit(main())
