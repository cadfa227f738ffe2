"""Run notebooks a few at a time in worker processes; stop them all, cleanly and at once, on Ctrl-C."""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
from multiprocessing.connection import wait
from pathlib import Path

from lib.report.execute import Result, now, snapshot, worker, written_since
from lib.report.notebooks import notebook_parameters
from lib.report.outputs import check_out, locked, read_manifest, remove_files, remove_previous
from lib.report.pages import write_index

__all__ = ["RunInterrupted", "longest_first", "run_all"]

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run; ``results`` holds what finished (and the interrupted notebooks)."""

    def __init__(self, results: list[Result]) -> None:
        super().__init__("interrupted")
        self.results = results


def run_all(notebooks: list[Path], parameters: dict[Path, dict], out: Path, *, jobs: int = 2, timeout: int = 600,
            progress: bool = True, cache_dir: str | Path | None = None) -> list[Result]:
    """Run notebooks ``jobs`` at a time into ``out``; write index.html and manifest.json; return the results in
    order. ``cache_dir`` is given to every notebook that declares a ``cache_dir`` parameter. Before any notebook
    starts, the actor tables they will count with are settled (:func:`lib.report.autotable.prepare_actor_tables`:
    an automatic table built once and written as ``out/actors_auto.csv``; an unknown actor raises InputError)."""
    from tqdm import tqdm

    from lib.report.autotable import prepare_actor_tables

    out = check_out(out)
    with locked(out):
        earlier = read_manifest(out)
        prepare_actor_tables(notebooks, parameters, out, cache_dir=cache_dir, progress=progress)
        tasks = [(nb, parameters.get(nb, {}), injected(nb, out, cache_dir)) for nb in longest_first(notebooks, out)]
        bar = tqdm(total=len(tasks), desc="notebooks", unit="nb", disable=not progress, file=sys.stderr)

        def done(result: Result) -> None:
            bar.set_postfix_str(f"{result.name}: {result.status}")
            bar.update()

        try:
            results = run_parallel(tasks, out, timeout=timeout, jobs=jobs, earlier=earlier, on_done=done)
        except RunInterrupted as stop:
            bar.close()
            write_index(stop.results, out, earlier=earlier, interrupted=now())
            raise
        bar.close()
        ordered = [results[nb.stem] for nb in notebooks]
        write_index(ordered, out, earlier=earlier)
    return ordered


def injected(notebook: Path, out: Path, cache_dir: str | Path | None) -> dict[str, str]:
    """The runner's own parameters for a notebook that declares them: where its tables go, which cache, and
    ``interactive=False`` (a batch page cannot use widgets, and executing them without a front end can hang)."""
    declared = notebook_parameters(notebook)
    values = {"tables_dir": str(out / notebook.stem), "cache_dir": str(cache_dir) if cache_dir else None,
              "interactive": False}
    return {name: value for name, value in values.items() if name in declared and value is not None}


def run_parallel(tasks: list[tuple[Path, dict, dict]], out: Path, *, timeout: int, jobs: int,
                 earlier: list[Result], on_done) -> dict[str, Result]:
    """Each task in its own worker process, at most ``jobs`` at once; results by notebook name."""
    context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pending, running, results = list(tasks), {}, {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                notebook, params, extra = pending.pop(0)
                remove_previous(out, notebook.stem, earlier)
                running[notebook] = start(context, notebook, params, extra, out, timeout)
            ready = wait([task[1] for task in running.values()], timeout=1.0)
            for notebook in [nb for nb, task in running.items() if task[1] in ready]:
                result = collect(notebook, *running.pop(notebook))
                results[notebook.stem] = result
                on_done(result)
    except KeyboardInterrupt:
        stop_all(running, out, results)
        raise RunInterrupted([results[nb.stem] for nb, _, _ in tasks if nb.stem in results]) from None
    return results


def start(context, notebook: Path, params: dict, extra: dict, out: Path, timeout: int):
    """Start a worker with Ctrl-C blocked until it has installed its own handlers; (process, pipe, snapshot)."""
    before = snapshot(out / notebook.stem)
    receiver, sender = context.Pipe(duplex=False)
    blocked = hasattr(signal, "pthread_sigmask")
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if blocked else None
    try:
        process = context.Process(target=worker, args=(sender, notebook, params, out, timeout, extra, before),
                                  daemon=True)
        process.start()
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    sender.close()
    return process, receiver, before


def collect(notebook: Path, process, receiver, before) -> Result:
    """The worker's result, or a failed one when the worker died without sending it."""
    try:
        result = receiver.recv()
    except (EOFError, OSError):
        process.join(5)
        result = Result(notebook.stem, "failed", 0.0, f"The worker process stopped (exit code {process.exitcode}).",
                        None, [], now())
    process.join(5)
    receiver.close()
    return result


def stop_all(running: dict, out: Path, results: dict[str, Result]) -> None:
    """Stop every worker (each kills its kernels), then remove the partial files of their notebooks."""
    for process, _, _ in running.values():
        process.terminate()
    for process, _, _ in running.values():
        process.join(1.0)
        if process.is_alive():
            process.kill()
            process.join(0.5)
    for notebook, (_, _, before) in running.items():
        name = notebook.stem
        partial = [f"{name}.ipynb", f"{name}.html", f"{name}.code.html"]
        remove_files(out, partial + [f"{name}/{t}" for t in written_since(out / name, before)])
        results[name] = Result(name, "interrupted", 0.0, "Interrupted (Ctrl-C) before it finished.", None, [], now())


def longest_first(notebooks: list[Path], out: Path) -> list[Path]:
    """Start the slowest notebooks first, so that parallel workers finish together: durations from an earlier
    run's manifest in ``out`` when there is one, otherwise the notebook's size as a guess."""
    seconds = {r.name: r.seconds for r in read_manifest(out)}
    return sorted(notebooks, key=lambda nb: (seconds.get(nb.stem, 0), nb.stat().st_size), reverse=True)
