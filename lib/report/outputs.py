"""The ``--out`` folder: its manifest, one run at a time, and no stale file from an earlier run.

The runner deletes only files its manifest says it wrote, and only inside ``--out``; anything else a user keeps
there is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from lib.errors import InputError
from lib.report.execute import Result

__all__ = ["check_out", "locked", "read_manifest", "remove_files", "remove_previous"]

LOCK_NAME = ".lib-report.lock"


def check_out(out: Path) -> Path:
    """``out`` as an absolute folder path, or an InputError when it names something that is not a folder."""
    out = Path(out).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file, not a folder: name a folder (it is created when missing).")
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise InputError(f"--out {out}: {parent} is a file, not a folder.")
    return out


def read_manifest(out: Path) -> list[Result]:
    """The results recorded by the last run into ``out`` (none when there is no readable manifest)."""
    try:
        rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        return [Result.from_dict(r) for r in rows if isinstance(r, dict) and r.get("name")]
    except (OSError, ValueError, TypeError, AttributeError):  # missing, unreadable or not a list of rows
        return []


def recorded_files(result: Result) -> list[str]:
    """The files an earlier run wrote for a notebook (older manifests list only tables: the pages are implied)."""
    if result.files:
        return list(result.files)
    pages = [f"{result.name}{suffix}" for suffix in (".ipynb", ".html", ".code.html")]
    return pages + [f"{result.name}/{t}" for t in result.tables or []]


def remove_files(out: Path, names: list[str]) -> None:
    """Delete these files (relative to ``out``); a name that leads outside ``out`` or to a folder is ignored."""
    root = out.resolve()
    for name in names:
        path = out / name
        try:
            inside = path.resolve().is_relative_to(root) and path.is_file() and not path.is_symlink()
        except OSError:
            inside = False
        if inside:
            with contextlib.suppress(OSError):
                path.unlink()


def remove_previous(out: Path, name: str, earlier: list[Result]) -> None:
    """Before notebook ``name`` runs again, delete the files its previous run wrote."""
    for result in earlier:
        if result.name == name:
            remove_files(out, recorded_files(result))


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``out``'s lock file for the duration, or raise InputError when another run holds it."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - closed in finally
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory locks; one run at a time is then the user's care
            pass
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise InputError(f"Another run (process {holder}) is writing into {out}; wait for it to finish or "
                             "choose another --out.") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
