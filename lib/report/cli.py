"""The command line: ``python -m lib.report``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lib import paths
from lib.errors import InputError, ResourceMissing
from lib.report.notebooks import find_notebooks, notebook_parameters, resolve_parameters, resolve_paths, validate_all
from lib.report.outputs import check_out, locked
from lib.report.prepare import annotate_once, annotation_jobs
from lib.report.schedule import RunInterrupted, run_all

__all__ = ["CACHE_ENV", "main", "parser"]

CACHE_ENV = "MEDIA_CACHE_DIR"  # the one environment override, read here at the edge only

EPILOG = """Examples:
  python -m lib.report
  python -m lib.report --corpus ~/news --out ~/news_reports
  python -m lib.report --notebooks 01,02 -p top_n 20 -p kwic_width 80

Relative paths (--corpus, --out, and path parameters such as -p actors FILE) are taken from the
current folder when they exist there, else from the project root.

Everything is checked before any notebook starts (parameters, tables, the corpus). Then the corpus is
annotated once (a progress bar per stage; cached in --cache-dir, so a re-run skips it) and the notebooks
only read. Re-running into the same --out first removes the files each re-run notebook wrote last time,
and only those.

Exit status: 0 when every notebook ran, 1 when one failed, 2 for a usage or input error (one line naming the
file and line), 130 when interrupted (Ctrl-C): kernels stopped, partial files removed, the index says so."""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m lib.report", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Execute the analysis notebooks with papermill and render HTML reports plus an index page.")
    ap.add_argument("--corpus", metavar="PATH", help="corpus folder (nested; .txt/.html), or a .csv, .tsv, "
                    ".jsonl, .json, .parquet or .zip file (sets the 'corpus' parameter; "
                    "default: the bundled data/corpus)")
    ap.add_argument("--notebooks", metavar="NAMES", help="comma-separated notebook names, two-digit prefixes or "
                    ".ipynb paths (default: all in notebooks/)")
    ap.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="set a notebook parameter (repeatable); lists and dicts as JSON. Values are checked "
                         "against the type declared in each notebook's parameters cell")
    ap.add_argument("--out", metavar="DIR", default=str(paths.REPORTS), help="output folder (default: reports/)")
    ap.add_argument("--cache-dir", metavar="DIR", default=os.environ.get(CACHE_ENV),
                    help=f"annotation cache folder (default: ${CACHE_ENV}, else .cache/ in the project)")
    ap.add_argument("--jobs", type=int, default=2, metavar="N", help="notebooks run at once (default: 2)")
    ap.add_argument("--workers", type=int, default=None, metavar="N",
                    help="processes that annotate the corpus before the notebooks start (default: every core)")
    ap.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="annotate on a Dask cluster instead: 'local' (a LocalCluster of --workers processes) or "
                         "a scheduler address such as tcp://10.0.0.5:8786 (workers need this project and a "
                         "shared --cache-dir)")
    ap.add_argument("--timeout", type=int, default=600, metavar="S", help="seconds allowed per cell (default: 600)")
    ap.add_argument("--list", action="store_true", help="list the notebooks and their parameters, then exit")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (see the epilog)."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:  # before any kernel started, or while the index was written
        print("interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace) -> int:
    try:
        notebooks = find_notebooks(args.notebooks)
        if not notebooks:
            raise InputError(f"No notebooks found in {paths.NOTEBOOKS}.")
        if args.list:
            list_parameters(notebooks)
            return 0
        out = check_out(Path(args.out))
        if args.jobs < 1:
            raise InputError("--jobs must be at least 1.")
        if args.workers is not None and args.workers < 1:
            raise InputError("--workers must be at least 1.")
        given = dict(args.parameter)
        if args.corpus:
            given["corpus"] = args.corpus
        parameters = resolve_parameters(notebooks, resolve_paths(notebooks, given))
        wanted = annotation_jobs(validate_all(notebooks, parameters), cache_dir=args.cache_dir)
        with locked(out):  # another run writing into --out: refused now, not after the annotation pass
            pass
        annotate_once(wanted, workers=args.workers, scheduler=args.scheduler, progress=not args.quiet)
        results = run_all(notebooks, parameters, out, jobs=args.jobs, timeout=args.timeout,
                          progress=not args.quiet, cache_dir=args.cache_dir)
    except (InputError, ResourceMissing) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except RunInterrupted as stop:
        summarise(stop.results, out)
        print("interrupted: kernels stopped, partial files removed; the index says so.", file=sys.stderr)
        return 130
    summarise(results, out)
    return 1 if any(r.status != "ok" for r in results) else 0


def list_parameters(notebooks: list[Path]) -> None:
    for nb in notebooks:
        print(nb.stem)
        for name, p in notebook_parameters(nb).items():
            print(f"  {name}: {p['type']} = {p['default']}  # {p['help']}")


def summarise(results, out: Path) -> None:
    for r in results:
        print(f"{r.status:>11}  {r.seconds:6.1f} s  {r.name}" + (f"  — {r.error}" if r.error else ""))
    print(f"index: {out / 'index.html'}")
