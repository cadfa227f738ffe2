"""Nothing specific to the bundled story may sit in library code: names and place words live in data files.

Docstrings and doctests may use the story as an example; comments and code may not. Word lists under
``lib/resources/`` and ``data/`` are data and may name anything.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "lib"
STORY_WORDS = re.compile(
    r"putin|zelensk|trump|dmitriev|witkoff|grushko|peskov|lavrov|kremlin|moscow|kyiv|russia|ukrain", re.IGNORECASE
)
PACKAGES = ["actors", "quotes"]  # packages already cleaned of story knowledge (issue 8); add more as they are


def docstring_lines(source: str) -> set[int]:
    """Line numbers covered by module, class and function docstrings."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def story_words_in_code(source: str) -> list[tuple[int, str]]:
    """(line, word) for every story word in a code token or comment outside docstrings."""
    skip = docstring_lines(source)
    hits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.start[0] in skip and tok.type == tokenize.STRING:
            continue
        hits += [(tok.start[0], m.group()) for m in STORY_WORDS.finditer(tok.string)]
    return hits


def test_the_check_finds_story_words_in_code_and_comments_but_not_docstrings():
    source = '"""About Putin."""\nSIDES = {"kremlin": "x"}  # Kyiv\n\ndef f():\n    """Zelensky."""\n    return 1\n'
    assert story_words_in_code(source) == [(2, "kremlin"), (2, "Kyiv")]


@pytest.mark.parametrize("path", sorted(p for package in PACKAGES for p in (LIB / package).rglob("*.py")),
                         ids=lambda p: str(p.relative_to(LIB)))
def test_no_story_words_in_library_code(path):
    assert story_words_in_code(path.read_text(encoding="utf-8")) == []
