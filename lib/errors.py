"""The two kinds of error a user sees: bad input, and a missing offline resource."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input (a file, a table row, a parameter). The message is one sentence that says what to fix."""


class ResourceMissing(RuntimeError):
    """An offline resource (a lexicon, a package) is missing. The message says how to install it."""
