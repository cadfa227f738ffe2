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

Everything is checked before any kernel starts (:mod:`lib.report.notebooks`): a parameter name no selected
notebook declares, a value of the wrong type or out of range, a broken table, an unknown actor or topic, an
unreadable corpus. A notebook that fails does not stop the others; it is marked failed in the index (exit code
1). Ctrl-C stops every kernel, removes partial files and leaves an index that says so (exit code 130).

The package: ``notebooks`` (selection, parameters, validation), ``execute`` (one notebook),
``schedule`` (parallel workers, Ctrl-C), ``outputs`` (manifest, lock, stale files), ``pages`` (the HTML
pages and the index), ``cli`` (the command line).
"""

from __future__ import annotations

from pathlib import Path

from lib import paths
from lib.output import DEFAULT_TABLES, save_table, table_writer
from lib.report.cli import main, parser
from lib.report.execute import KERNEL, Result, keep_unexecuted, run_one
from lib.report.notebooks import (
    NOTEBOOK_NAME,
    RUNNER_PARAMETERS,
    check_offline_resources,
    coerce,
    find_notebooks,
    import_papermill,
    notebook_parameters,
    resolve_parameters,
    resolve_paths,
    validate_all,
    validate_notebook,
)
from lib.report.outputs import check_out, read_manifest
from lib.report.pages import REPORT_CSP, first_line, harden, notebook_title, render, write_index
from lib.report.schedule import RunInterrupted, longest_first, run_all

__all__ = ["KERNEL", "NOTEBOOK_NAME", "REPORT_CSP", "RUNNER_PARAMETERS", "Result", "RunInterrupted",
           "check_offline_resources", "check_out", "coerce", "find_notebooks", "first_line", "harden",
           "import_papermill", "keep_unexecuted", "longest_first", "main", "notebook_parameters", "notebook_title",
           "parser", "paths", "read_manifest", "render", "resolve_parameters", "resolve_paths", "run_all", "run_one",
           "save_table", "table_dir", "table_writer", "validate_all", "validate_notebook", "write_index"]


def table_dir() -> Path:
    """Where ``save_table`` writes by default (``reports/tables``); notebooks take a ``tables_dir`` parameter."""
    return DEFAULT_TABLES
