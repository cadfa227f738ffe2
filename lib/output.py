"""Where a notebook writes the tables worth keeping: an explicit folder, never a hidden setting.

Each notebook declares a ``tables_dir`` parameter; ``python -m lib.report`` sets it to ``<out>/<notebook>/``,
and a notebook run by hand writes to ``reports/tables/``.

>>> import pandas as pd, tempfile
>>> save = table_writer(tempfile.mkdtemp())
>>> save(pd.DataFrame({"n": [1]}), "counts").read_text()
'n\\n1\\n'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lib import paths
from lib.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_TABLES", "TableWriter", "save_table", "skipped_files", "table_writer"]

DEFAULT_TABLES = paths.REPORTS / "tables"
_TABLE_NAME = re.compile(r"[A-Za-z0-9_-]+")


class TableWriter:
    """Writes tidy tables as ``<folder>/<name>.csv`` (UTF-8, no index); ``folder`` empty: ``reports/tables``."""

    def __init__(self, folder: str | Path = "") -> None:
        self.folder = paths.resolve(folder) if str(folder).strip() else DEFAULT_TABLES

    def __call__(self, frame, name: str) -> Path:
        if not isinstance(name, str) or not _TABLE_NAME.fullmatch(name):
            raise InputError(f"Table name {name!r} may use only letters, digits, '_' and '-'.")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        return path

    def __repr__(self) -> str:
        return f"TableWriter({str(self.folder)!r})"


def table_writer(folder: str | Path = "") -> TableWriter:
    """A ``save_table(frame, name)`` function writing into ``folder`` (see :class:`TableWriter`)."""
    return TableWriter(folder)


def save_table(frame, name: str, *, folder: str | Path = "") -> Path:
    """Write ``frame`` as ``<folder>/<name>.csv`` and return its path."""
    return TableWriter(folder)(frame, name)


def skipped_files(skipped) -> pd.DataFrame:
    """The files a corpus loader skipped, as a table every notebook shows the same way (file, reason).

    >>> skipped_files([("a.bin", "binary file")])
        file       reason
    0  a.bin  binary file
    """
    import pandas as pd

    return pd.DataFrame(list(skipped), columns=["file", "reason"])
