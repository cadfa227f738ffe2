"""Run :func:`lib.stages.run_chunk` over many chunks: in this process, in a process pool, or on a Dask cluster.

All three run the same function on the same tasks and write the same Parquet parts; only where the work
happens differs. ``scheduler`` is ``None`` (this machine), ``"local"`` (a Dask ``LocalCluster`` of ``workers``
processes started for the run) or the address of a running Dask scheduler (``"tcp://10.0.0.5:8786"``); a
cluster's workers must be able to import ``lib`` and to write to the cache folder (a shared file system).

>>> from lib.stages import ChunkTask
>>> execute([], workers=1)
{}
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from lib.errors import InputError, ResourceMissing
from lib.stages import ChunkTask, run_chunk

__all__ = ["default_workers", "execute"]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def execute(tasks: Sequence[ChunkTask], *, workers: int, scheduler: str | None = None,
            progress: bool = False, label: str = "annotate") -> dict[str, float]:
    """Run every task; returns the seconds each stage took, summed over chunks."""
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}.")
    from tqdm.auto import tqdm

    bar = tqdm(total=len(tasks), desc=label, unit="chunk", disable=not progress or not tasks)
    try:
        if scheduler:
            results = _on_dask(tasks, scheduler=scheduler, workers=workers, bar=bar)
        elif workers > 1 and len(tasks) > 1:
            results = _in_pool(tasks, workers=workers, bar=bar)
        else:
            results = []
            for task in tasks:
                results.append(run_chunk(task))
                bar.update()
    finally:
        bar.close()
    totals: dict[str, float] = {}
    for timing in results:
        for stage, seconds in timing.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
    return totals


def _in_pool(tasks: Sequence[ChunkTask], *, workers: int, bar) -> list[dict[str, float]]:
    """A process pool with at most two chunks per worker in flight (the raw text is not all copied at once)."""
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    results = []
    pending = iter(tasks)
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
        running = set()
        for task in pending:
            running.add(pool.submit(run_chunk, task))
            if len(running) >= 2 * workers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                results += [f.result() for f in done]
                bar.update(len(done))
        for future in running:
            results.append(future.result())
            bar.update()
    return results


def _on_dask(tasks: Sequence[ChunkTask], *, scheduler: str, workers: int, bar) -> list[dict[str, float]]:
    """The same tasks as a ``dask.bag`` (one partition per chunk) on a cluster."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        raise ResourceMissing("scheduler= needs dask and distributed; run `make venv` to install them.") from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            bag = db.from_sequence(list(tasks), npartitions=max(1, len(tasks))).map(run_chunk)
            results = client.compute(bag).result()
            bar.update(len(tasks))
            return results
    finally:
        if cluster is not None:
            cluster.close()
