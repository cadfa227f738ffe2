"""Nothing specific to the bundled story in the code of the packages split out of it (issue 8): its names and
place words may appear in docstrings, doctests and the data files under lib/resources, never on a code line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "lib"
STORY_WORDS = re.compile(
    r"putin|zelensky|trump|dmitriev|witkoff|grushko|peskov|lavrov|kremlin|moscow|kyiv|russia|ukrain", re.IGNORECASE
)


def story_words_in_code(path: Path, *, root: Path = LIB) -> list[str]:
    """``file:line: word`` (file relative to ``root``) for each story word on a line of ``path`` outside its
    docstrings."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Expr) and isinstance(getattr(node.value, "value", None), str):
            docstrings.update(range(node.lineno, node.end_lineno + 1))
    return [f"{path.relative_to(root)}:{number}: {match.group()}"
            for number, line in enumerate(source.splitlines(), start=1)
            if number not in docstrings and (match := STORY_WORDS.search(line))]


def test_the_check_finds_a_story_word_on_a_code_line(tmp_path):
    path = tmp_path / "probe.py"
    path.write_text('"""Putin in a docstring is fine."""\nSIDE = {"kremlin": "x"}\n', encoding="utf-8")
    assert story_words_in_code(path, root=tmp_path) == ["probe.py:2: kremlin"]


@pytest.mark.parametrize("package", ["sentiment", "topics"])
def test_no_word_of_the_bundled_story_in_the_code(package):
    found = [hit for path in sorted((LIB / package).rglob("*.py")) for hit in story_words_in_code(path)]
    assert found == []
