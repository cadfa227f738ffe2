"""The on-disk cache of annotation stages: keys, partitioned Parquet, and a lock against building twice.

A stage's output lives in ``<cache_dir>/<stage>-<key>/`` as ``part-00000.parquet``, ``part-00001.parquet`` …
(one per chunk of articles) plus ``_SUCCESS``, written last, that says how many parts there are. The key is a
hash of everything the stage's output depends on: the keys of its inputs, its parameters, the source of the
modules that compute it and the versions of the packages they use. A stage folder without ``_SUCCESS``, or
with a part that cannot be read (truncated, deleted, not Parquet, damaged inside), is not an error: it is built
again (a damaged part found only when read raises :class:`CacheUnreadable`, which :mod:`lib.pipeline` handles).

>>> key = stage_key("demo", inputs=["abc"], params={"top": 5}, modules=["lib.errors"], packages=["pandas"])
>>> len(key)
16
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

__all__ = ["CacheUnreadable", "StageStore", "build_lock", "stage_key"]


@cache
def _source_digest(module: str) -> str:
    """SHA-256 of a module's source (every file of a package, and the resource files it ships)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return "missing"
    origin = Path(spec.origin)
    files = sorted(p for p in origin.parent.rglob("*") if p.is_file() and p.suffix in {".py", ".txt", ".csv",
                                                                                        ".json", ".tsv"}) \
        if origin.name == "__init__.py" else [origin]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


@cache
def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def stage_key(name: str, *, inputs: Iterable[str] = (), params: dict | None = None,
              modules: Iterable[str] = (), packages: Iterable[str] = ()) -> str:
    """A 16-hex-digit key for a stage: its name, the keys of its inputs, its parameters (JSON), the source of
    ``modules`` and the installed versions of ``packages``."""
    record = {
        "stage": name,
        "inputs": list(inputs),
        "params": params or {},
        "code": {m: _source_digest(m) for m in sorted(modules)},
        "versions": {p: _version(p) for p in sorted(packages)},
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()[:16]


class CacheUnreadable(Exception):
    """A part of stage ``stage`` (the one argument) cannot be read (damaged after it was written): the caller
    forgets that stage and builds it again."""

    @property
    def stage(self) -> str:
        return self.args[0]


class StageStore:
    """One stage's folder: write parts (from any process), mark it complete, read it back."""

    def __init__(self, root: Path, name: str, key: str) -> None:
        self.name, self.key = name, key
        self.folder = Path(root) / f"{name}-{key}"

    def part(self, index: int) -> Path:
        return self.folder / f"part-{index:05d}.parquet"

    def write_part(self, index: int, frame: pd.DataFrame) -> None:
        """Write one partition atomically (a reader never sees half a file)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".part-{index:05d}.{os.getpid()}.tmp"
        frame.reset_index(drop=True).to_parquet(tmp, index=False)
        tmp.replace(self.part(index))

    def has_part(self, index: int) -> bool:
        return self.part(index).is_file()

    def read_part(self, index: int) -> pd.DataFrame:
        """Partition ``index``; :class:`CacheUnreadable` when the file is damaged (a part whose footer is
        intact passes :meth:`complete` but may still fail here)."""
        import pyarrow as pa

        try:
            return pd.read_parquet(self.part(index))
        except (OSError, ValueError, pa.ArrowException):
            raise CacheUnreadable(self.name) from None

    def finish(self, parts: int, **info) -> None:
        """Mark the stage complete: ``parts`` parts, and any JSON-able ``info`` (see :meth:`info`)."""
        tmp = self.folder / f"._SUCCESS.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({**info, "parts": parts}))
        tmp.replace(self.folder / "_SUCCESS")

    def info(self) -> dict:
        """What :meth:`finish` recorded (``parts`` and the rest)."""
        return json.loads((self.folder / "_SUCCESS").read_text())

    def complete(self) -> bool:
        """True when every part listed in ``_SUCCESS`` is there and readable as Parquet."""
        try:
            parts = json.loads((self.folder / "_SUCCESS").read_text())["parts"]
            import pyarrow.parquet as pq

            for index in range(parts):
                pq.read_metadata(self.part(index))
            return True
        except (OSError, ValueError, KeyError, TypeError):  # missing, truncated or foreign files: rebuild
            return False

    def read(self) -> pd.DataFrame:
        """The whole stage as one frame, parts in order."""
        frames = [self.read_part(i) for i in range(self.info()["parts"])]
        frames = [f for f in frames if len(f)] or frames[:1]  # an empty part must not change column types
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

    def reset(self) -> None:
        """Forget a broken or partial stage."""
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def build_lock(root: Path, name: str) -> Iterator[None]:
    """An exclusive lock file ``<root>/.locks/<name>.lock``: a second process (another notebook kernel) waits
    here until the first has built what it needs, then finds it in the cache."""
    folder = Path(root) / ".locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
