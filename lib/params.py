"""Validate notebook parameters right after the imports, with one clear line per mistake.

papermill injects whatever it is given and only warns about unknown names; ``lib.report`` refuses unknown
names and wrong types before a kernel starts, and this module checks values inside the notebook, so a
notebook run by hand in JupyterLab gets the same checks.

>>> check_range("top_n", 10, low=1)
10
>>> check_range("top_n", 0, low=1)
Traceback (most recent call last):
lib.errors.InputError: Parameter top_n must be at least 1, got 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lib.errors import InputError
from lib.paths import resolve

__all__ = ["check_choice", "check_path", "check_range", "check_type"]


def check_type(name: str, value, expected: type | tuple[type, ...]):
    """``value`` if it is of the expected type (an int is accepted where a float is expected)."""
    types = expected if isinstance(expected, tuple) else (expected,)
    if float in types:
        types = (*types, int)
    if isinstance(value, bool) and bool not in types:
        raise InputError(f"Parameter {name} must be {_names(types)}, got {value!r}.")
    if not isinstance(value, types):
        raise InputError(f"Parameter {name} must be {_names(types)}, got {value!r} ({type(value).__name__}).")
    return value


def check_range(name: str, value, *, low=None, high=None, integer: bool = False):
    """``value`` if it is a number (a whole number with ``integer=True``) within ``[low, high]``."""
    check_type(name, value, int if integer else float)
    if low is not None and value < low:
        raise InputError(f"Parameter {name} must be at least {low}, got {value!r}.")
    if high is not None and value > high:
        raise InputError(f"Parameter {name} must be at most {high}, got {value!r}.")
    return value


def check_choice(name: str, value, choices: Iterable):
    """``value`` if it is one of ``choices``."""
    options = list(choices)
    if value not in options:
        raise InputError(f"Parameter {name} must be one of {', '.join(map(repr, options))}; got {value!r}.")
    return value


def check_path(name: str, value, *, kind: str = "any") -> Path:
    """The resolved path if it exists (``kind``: "file", "dir" or "any")."""
    check_type(name, value, (str, Path))
    path = resolve(value)
    if not path.exists():
        raise InputError(f"Parameter {name}: {value!r} does not exist (looked for {path}).")
    if kind == "file" and not path.is_file():
        raise InputError(f"Parameter {name}: {value!r} is not a file.")
    if kind == "dir" and not path.is_dir():
        raise InputError(f"Parameter {name}: {value!r} is not a folder.")
    return path


def _names(types: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys("a number" if t in (int, float) else f"a {t.__name__}" for t in types))
