"""What produced a report: package versions, parameters, corpus checksum, code version, run date.

The last cell of every notebook shows ``provenance(...)`` so a reader can reproduce a figure exactly.
"""

from __future__ import annotations

import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata

import pandas as pd

import lib
from lib.paths import ROOT

__all__ = ["PACKAGES", "code_version", "provenance"]

PACKAGES = ("pandas", "numpy", "matplotlib", "nltk", "vaderSentiment", "scikit-learn", "rapidfuzz", "networkx",
            "ftfy", "papermill", "nbconvert")


def code_version() -> str:
    """The git commit of this checkout (with ``+changes`` when the tree is dirty), else the library version."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return commit + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return f"lib {lib.__version__}"


def provenance(parameters: dict, *, corpus_checksum: str = "", n_articles: int | None = None) -> pd.DataFrame:
    """A two-column table (item, value) for the Provenance section."""
    rows = [
        ("run date (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")),
        ("code version", code_version()),
        ("python", platform.python_version()),
        ("platform", platform.platform(terse=True)),
        ("corpus SHA-256", corpus_checksum),
        ("articles", "" if n_articles is None else str(n_articles)),
    ]
    rows += [(f"parameter {k}", repr(v)) for k, v in parameters.items()]
    for package in PACKAGES:
        try:
            rows.append((f"package {package}", metadata.version(package)))
        except metadata.PackageNotFoundError:
            rows.append((f"package {package}", "not installed"))
    return pd.DataFrame(rows, columns=["item", "value"])
