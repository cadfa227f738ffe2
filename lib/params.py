"""Validate notebook parameters right after the imports, with one clear line per mistake.

papermill injects whatever it is given and only warns about unknown names; ``lib.report`` refuses unknown
names and wrong types before a kernel starts, and this module checks values inside the notebook, so a
notebook run by hand in JupyterLab gets the same checks. ``lib.report`` runs the same validation cell before
any kernel starts.

Each notebook makes one declarative call: the names and types come from the parameters cell's annotations,
the extra rules are given by name, and the checked values (in declaration order) are returned for provenance:

>>> namespace = {"__annotations__": {"top_n": int, "corpus": str}, "top_n": 10, "corpus": "data/corpus"}
>>> validate(namespace, top_n=between(1, 200), corpus=path())
{'top_n': 10, 'corpus': 'data/corpus'}
>>> validate({**namespace, "top_n": "10"})
Traceback (most recent call last):
lib.errors.InputError: Parameter top_n must be a number, got '10' (str).

>>> check_range("top_n", 10, low=1)
10
>>> check_range("top_n", 0, low=1)
Traceback (most recent call last):
lib.errors.InputError: Parameter top_n must be at least 1, got 0.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from lib.errors import InputError
from lib.paths import resolve

__all__ = ["actor_table", "between", "check_choice", "check_path", "check_range", "check_type", "each_one_of", "one_of",
           "path", "validate"]

Rule = Callable[[str, object], object]


def validate(namespace: Mapping, **rules: Rule) -> dict:
    """Check every parameter the parameters cell declares (its type annotation) and the ``rules`` given for
    some of them; return ``{name: value}`` in declaration order. Pass ``globals()`` from a notebook."""
    declared = dict(namespace.get("__annotations__", {}))
    unknown = sorted(set(rules) - set(declared))
    if unknown:
        raise TypeError(f"validate() got rules for undeclared parameters: {', '.join(unknown)}")
    values = {}
    for name, annotation in declared.items():
        value = namespace[name]
        _check_annotation(name, value, annotation)
        if name in rules:
            rules[name](name, value)
        values[name] = value
    return values


def between(low=None, high=None, *, integer: bool = False) -> Rule:
    """Rule: a number within ``[low, high]`` (either bound may be None)."""
    return lambda name, value: check_range(name, value, low=low, high=high, integer=integer)


def one_of(choices: Iterable) -> Rule:
    """Rule: one of ``choices``."""
    options = list(choices)
    return lambda name, value: check_choice(name, value, options)


def each_one_of(choices: Iterable) -> Rule:
    """Rule: a non-empty list whose every item is one of ``choices``."""
    options = list(choices)

    def rule(name: str, values) -> None:
        if not values:
            raise InputError(f"Parameter {name} must name at least one of {', '.join(map(str, options))}.")
        for value in values:
            check_choice(name, value, options)

    return rule


def path(kind: str = "any") -> Rule:
    """Rule: an existing path (``kind``: "file", "dir" or "any"), relative to the project root."""
    return lambda name, value: check_path(name, value, kind=kind)


def _check_annotation(name: str, value, annotation) -> None:
    """Type check against an annotation such as ``int``, ``list`` or ``list[str]``."""
    origin = typing.get_origin(annotation) or annotation
    if not isinstance(origin, type):
        return  # an annotation we cannot check at run time (a string, a union): the rules still apply
    check_type(name, value, origin)
    items = typing.get_args(annotation)
    if origin is list and len(items) == 1 and isinstance(items[0], type):
        for item in value:
            check_type(name, item, items[0])


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


def actor_table() -> Rule:
    """Rule: an actor table, ``"auto"`` (built from the corpus, or the bundled table for the bundled corpus:
    ``lib.paths.actor_table``) or an existing file."""
    from lib.paths import AUTO

    def rule(name: str, value) -> None:
        check_type(name, value, (str, Path))
        if str(value).strip().lower() != AUTO:
            check_path(name, value, kind="file")

    return rule
