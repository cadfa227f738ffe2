"""The two kinds of error a user sees: bad input, and a missing offline resource."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input (a file, a table row, a parameter). The message is one sentence that says what to fix."""


class ResourceMissing(RuntimeError):
    """An offline resource (a lexicon, a package) is missing. The message says how to install it."""


def require_columns(frame, columns, what: str) -> None:
    """Raise InputError unless ``frame`` is a DataFrame with every one of ``columns``.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"doc_id": []}), ["doc_id", "text"], "The sentences table")
    Traceback (most recent call last):
    lib.errors.InputError: The sentences table lacks column(s) text; it has doc_id.
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what} must be a pandas DataFrame, not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what} lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}.")
