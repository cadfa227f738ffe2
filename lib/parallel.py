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
from lib.stages import CHUNK_STAGES, ChunkTask, run_chunk

__all__ = ["default_workers", "execute"]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def execute(tasks: Sequence[ChunkTask], *, workers: int, scheduler: str | None = None,
            progress: bool = False, label: str = "annotate") -> dict[str, float]:
    """Run every task; returns the seconds each stage took, summed over chunks. With ``progress``, one bar per
    stage counts the chunks that stage is done for, with its seconds so far."""
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}.")
    totals: dict[str, float] = {}
    bars = _StageBars(tasks, label=label, disable=not progress or not tasks)

    def done(timing: dict[str, float]) -> None:
        for stage, seconds in timing.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
        bars.update(timing, totals)

    try:
        if scheduler:
            for timing in _on_dask(tasks, scheduler=scheduler, workers=workers):
                done(timing)
        elif workers > 1 and len(tasks) > 1:
            _in_pool(tasks, workers=workers, done=done)
        else:
            for task in tasks:
                done(run_chunk(task))
    finally:
        bars.close()
    return totals


class _StageBars:
    """A tqdm bar per stage of the tasks (``label: stage``), in the order the stages run."""

    def __init__(self, tasks: Sequence[ChunkTask], *, label: str, disable: bool) -> None:
        from tqdm.auto import tqdm

        stages = [s for s in CHUNK_STAGES if any(s in task.todo for task in tasks)] if tasks else []
        self.bars = {stage: tqdm(total=len(tasks), desc=f"{label}: {stage}", unit="chunk", position=i,
                                 disable=disable, leave=True) for i, stage in enumerate(stages)}

    def update(self, timing: dict[str, float], totals: dict[str, float]) -> None:
        for stage in timing:
            if stage in self.bars:
                self.bars[stage].set_postfix_str(f"{totals[stage]:.0f} CPU s", refresh=False)
                self.bars[stage].update()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _in_pool(tasks: Sequence[ChunkTask], *, workers: int, done) -> None:
    """A process pool with at most two chunks per worker in flight; ``done(timing)`` as each chunk finishes."""
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
        running = set()
        for task in tasks:
            running.add(pool.submit(run_chunk, task))
            if len(running) >= 2 * workers:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(future.result())
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done(future.result())


def _on_dask(tasks: Sequence[ChunkTask], *, scheduler: str, workers: int) -> list[dict[str, float]]:
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
            return client.compute(bag).result()
    finally:
        if cluster is not None:
            cluster.close()
