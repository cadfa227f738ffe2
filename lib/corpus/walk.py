"""The files of a corpus: a folder walked safely (symlinks stay inside it) or the members of a zip archive.

Every entry has a ``name``: its path relative to the corpus root with ``/`` separators (``politics/001.txt``).
Whatever cannot be used is returned as ``(name, reason)`` so it can be listed, never dropped silently.

>>> entries, skipped = walk_folder("data/corpus")   # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from lib.errors import InputError

__all__ = ["Entry", "os_reason", "walk_folder", "zip_entries"]


@dataclass(frozen=True)
class Entry:
    """One file of a corpus: on disk (``path``), an archive member already read (``data``), or a member of the
    zip archive at ``path`` read when needed (``member``, ``length`` its unpacked size)."""

    name: str
    origin: str
    path: Path | None = None
    data: bytes | None = None
    member: str | None = None
    length: int = 0

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def size(self) -> int:
        if self.member is not None:
            return self.length
        return len(self.data) if self.data is not None else self.path.stat().st_size

    def read(self) -> bytes:
        if self.member is not None:
            with zipfile.ZipFile(self.path) as zf:
                return zf.read(self.member)
        return self.data if self.data is not None else self.path.read_bytes()

    def open(self) -> BinaryIO:
        """The bytes as a file object, read as they are needed (a table is streamed, not read whole)."""
        if self.member is not None:
            with zipfile.ZipFile(self.path) as zf:
                return zf.open(self.member)  # keeps the archive open until it is closed
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")


def os_reason(err: OSError) -> str:
    """A short reason for an operating-system error, e.g. 'cannot be read: Permission denied'."""
    return f"cannot be read: {err.strerror or type(err).__name__}"


def walk_folder(root: str | Path) -> tuple[list[Entry], list[tuple[str, str]]]:
    """Files under ``root`` in name order, and what was skipped with why.

    Hidden files and folders (``.name``) are left out. A symbolic link is followed only when its target lies
    inside ``root``; a link to a place outside, a dangling link and a link back into its own folder (a loop)
    are skipped with the reason.
    """
    base = Path(root).resolve()
    entries: list[Entry] = []
    skipped: list[tuple[str, str]] = []
    _walk(base, base, "", entries, skipped, frozenset({base}))
    return sorted(entries, key=lambda e: e.name), skipped


def _walk(folder: Path, base: Path, prefix: str, entries: list, skipped: list, seen: frozenset) -> None:
    try:
        with os.scandir(folder) as found:
            items = sorted(found, key=lambda item: item.name)
    except OSError as err:
        skipped.append((prefix.rstrip("/") or ".", f"folder {os_reason(err)}"))
        return
    for item in items:
        if item.name.startswith("."):
            continue
        rel, path = prefix + item.name, Path(item.path)
        target, problem = _link_target(path, base) if item.is_symlink() else (path, "")
        if problem:
            skipped.append((rel, problem))
        elif target.is_dir():
            real = target.resolve()
            if real in seen:
                skipped.append((rel, "symbolic link loop: it points back to a folder that contains it"))
            else:
                _walk(target, base, rel + "/", entries, skipped, seen | {real})
        elif target.is_file():
            entries.append(Entry(rel, str(path), path=path))
        else:
            skipped.append((rel, "not a regular file"))


def _link_target(path: Path, base: Path) -> tuple[Path | None, str]:
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return None, "dangling symbolic link: its target does not exist"
    except (RuntimeError, OSError) as err:  # RuntimeError: Python < 3.13 reports a loop this way
        if "loop" in str(err).lower() or getattr(err, "errno", None) == 40:
            return None, "symbolic link loop"
        return None, f"symbolic link {os_reason(err)}" if isinstance(err, OSError) else str(err)
    if not target.is_relative_to(base):
        return None, "symbolic link to a file outside the corpus folder; not followed"
    return target, ""


def zip_entries(archive: Path, *, max_total_mb: float,
                lazy: bool = False) -> tuple[list[Entry], list[tuple[str, str]]]:
    """The files inside a zip archive (read into memory, never extracted to disk), and what was skipped.

    The archive is refused when its members would unpack to more than ``max_total_mb`` (a "zip bomb"). When
    every member sits in one folder, names start below it (the archive of a folder ``bbc/`` gives
    ``politics/001.txt``). ``lazy`` entries are unpacked once here (a member that cannot be unpacked is
    skipped either way) but not kept: they are read again when needed.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            total = sum(i.file_size for i in infos)
            if total > max_total_mb * 1024 * 1024:
                raise InputError(f"{archive.name} would unpack to {total / 1024 / 1024:.0f} MB, over the "
                                 f"{max_total_mb:g} MB limit; unpack it and pass the folder.")
            entries, skipped = [], []
            for info in sorted(infos, key=lambda i: i.filename):
                name = info.filename.replace("\\", "/").lstrip("/")
                if any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
                    continue
                try:
                    data = zf.read(info)
                except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
                    skipped.append((name, f"cannot be unpacked: {err}"))
                    continue
                entries.append(Entry(name, f"{archive}#{name}", path=archive, member=info.filename,
                                     length=len(data)) if lazy else Entry(name, f"{archive}#{name}", data=data))
    except zipfile.BadZipFile:
        raise InputError(f"{archive.name} is not a readable zip archive.") from None
    return _without_common_folder(entries), skipped


def _without_common_folder(entries: list[Entry]) -> list[Entry]:
    """Drop the one folder every member sits in (``bbc/politics/001.txt`` -> ``politics/001.txt``), as
    archives of a folder usually have one."""
    firsts = {e.name.split("/", 1)[0] for e in entries if "/" in e.name}
    if len(firsts) != 1 or any("/" not in e.name for e in entries):
        return entries
    return [replace(e, name=e.name.split("/", 1)[1]) for e in entries]
