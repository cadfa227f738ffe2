"""Execute one notebook with papermill's API and render both HTML flavours (also for a failed run)."""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from lib.report.notebooks import import_papermill
from lib.report.pages import first_line, render

__all__ = ["KERNEL", "Result", "keep_unexecuted", "run_one", "snapshot", "written_since"]

KERNEL = "python3"


@dataclass
class Result:
    """What happened to one notebook: status "ok", "failed" or "interrupted"; ``files`` relative to ``--out``."""

    name: str
    status: str
    seconds: float
    error: str = ""
    parameters: dict | None = None
    tables: list[str] | None = None
    finished: str = ""  # UTC time the run ended, "YYYY-MM-DD HH:MM:SS"
    files: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, row: dict) -> Result:
        """A Result from a manifest row (keys this version does not know are ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{"status": "", "seconds": 0.0, **{k: v for k, v in row.items() if k in known}})


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def snapshot(folder: Path) -> dict[str, int]:
    """File name -> modification time (ns) of the CSV tables in ``folder`` (empty when it does not exist)."""
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.csv")} if folder.is_dir() else {}


def written_since(folder: Path, before: dict[str, int]) -> list[str]:
    """The CSV tables in ``folder`` that are new or changed since ``before`` was taken."""
    return sorted(name for name, mtime in snapshot(folder).items() if before.get(name) != mtime)


def run_one(notebook: Path, parameters: dict, out: Path, timeout: int, *, injected: dict | None = None,
            before: dict[str, int] | None = None) -> Result:
    """Run ``notebook`` into ``out``: ``parameters`` are the user's (shown in the index), ``injected`` the
    runner's own (``tables_dir``, ``cache_dir``); ``before`` is :func:`snapshot` of its tables folder."""
    name = notebook.stem
    executed = out / f"{name}.ipynb"
    start = time.perf_counter()
    error = execute(notebook, executed, {**parameters, **(injected or {})}, timeout)
    seconds = time.perf_counter() - start
    if error and not executed.exists():  # the kernel died before papermill could save
        keep_unexecuted(notebook, executed, {**parameters, **(injected or {})}, error)
    pages = [executed.name]
    if executed.exists():
        render(executed, out / f"{name}.html", code=False)
        render(executed, out / f"{name}.code.html", code=True)
        pages += [f"{name}.html", f"{name}.code.html"]
    tables = written_since(out / name, before or {})
    return Result(name, "failed" if error else "ok", round(seconds, 2), error, parameters, tables, now(),
                  pages + [f"{name}/{t}" for t in tables])


def execute(notebook: Path, executed: Path, parameters: dict, timeout: int) -> str:
    """Execute with papermill; return "" or the error as one line (``ename: first line of the message``)."""
    from papermill.exceptions import PapermillExecutionError

    from lib import kernels

    try:
        import_papermill().execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL, cwd=str(notebook.parent),
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,  # saved at the end
            execution_timeout=timeout, kernel_manager_class=kernels.manager_class(),
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])  # no start-up chatter
    except PapermillExecutionError as err:
        return f"{err.ename}: {first_line(err.evalue)}".rstrip(": ") or "failed"
    except Exception as err:  # noqa: BLE001 - a kernel that dies must not stop the other notebooks
        return f"{type(err).__name__}: {first_line(err)}".rstrip(": ")
    return ""


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


def worker(connection, notebook: Path, parameters: dict, out: Path, timeout: int, injected: dict,
           before: dict[str, int]) -> None:
    """Entry point of a worker process: Ctrl-C is the parent's to handle; SIGTERM kills this worker's kernels
    at once and exits, so an interrupted run stops within a second."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        result = run_one(notebook, parameters, out, timeout, injected=injected, before=before)
    except Exception as err:  # noqa: BLE001 - rendering trouble still gets a row in the index
        result = Result(notebook.stem, "failed", 0.0, f"{type(err).__name__}: {first_line(err)}", parameters, [],
                        now())
    connection.send(result)
    connection.close()


def _stop(signum, frame) -> None:
    import os

    from lib import kernels

    kernels.kill_all()
    os._exit(128 + signum)
