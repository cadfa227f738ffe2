"""The library's shape, checked: imports follow the data, small files and functions, no story in code.

``python tests/test_architecture.py`` prints the largest files and the longest functions in ``lib/``.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib"
MAX_FILE_LINES = 350
MAX_FUNCTION_LINES = 60
# Names and place words of the bundled 2025 story: they belong in data files (data/, lib/resources/), never in code.
STORY_WORDS = ("Putin", "Zelensky", "Trump", "Dmitriev", "Witkoff", "Grushko", "Peskov", "Lavrov", "Kremlin",
               "Moscow", "Kyiv", "Russia", "Ukraine")
_STORY = re.compile(r"(?i)\b(?:" + "|".join(STORY_WORDS) + r")")


# Imports follow the data (DESIGN.md): a module may import modules of its own rank or lower, never higher.
# Rank 0 is the shared ground every step may use (errors, paths, the vocabulary in lib.text, resources, helpers).
LAYERS = {
    "lib": 0, "errors": 0, "paths": 0, "imports": 0, "resources": 0, "text": 0, "params": 0, "output": 0,
    "provenance": 0, "plots": 0, "cache": 0, "notes": 0, "punkt": 0,
    "corpus": 1,
    "clean": 2, "repair": 2,
    "entities": 3,
    "actors": 4,
    "quotes": 5,
    "sentiment": 6,
    "topics": 7,
    "reuse": 8, "reuse_source": 8, "reuse_vectors": 8, "compare": 8,
    "stages": 9, "parallel": 9,
    "pipeline": 10,
    "explore": 11,
    "report": 12, "kernels": 12, "lab": 12,
}
RUNNER = {"report", "kernels", "lab"}  # tools that run notebooks: notebooks never import them


def lib_imports(source: str) -> set[str]:
    """The top-level ``lib`` modules a piece of code imports.

    >>> sorted(lib_imports("import lib.text; from lib import actors, paths; from lib.report.cli import main"))
    ['actors', 'paths', 'report', 'text']
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lib":
            parts = node.module.split(".")
            found.update([parts[1]] if len(parts) > 1 else [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("lib."))
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(LIB.parent).with_suffix("").parts
    return "lib" if parts[1] == "__init__" else parts[1]


def test_every_module_has_a_layer():
    assert {module_name(p) for p in python_files()} - set(LAYERS) == set()


def test_imports_follow_the_data():
    against = []
    for path in python_files():
        own = module_name(path)
        for target in lib_imports(path.read_text(encoding="utf-8")) - {own}:
            if LAYERS.get(target, 99) > LAYERS[own]:
                against.append(f"{path.relative_to(LIB.parent)} imports lib.{target}")
    assert against == []


def test_notebooks_never_import_the_runner():
    import nbformat

    for notebook in sorted((LIB.parent / "notebooks").glob("*.ipynb")):
        code = "\n".join(c.source for c in nbformat.read(str(notebook), as_version=4).cells if c.cell_type == "code")
        assert lib_imports(code) & RUNNER == set(), notebook.name


def python_files() -> list[Path]:
    return sorted(LIB.rglob("*.py"))


def file_lengths() -> list[tuple[int, str]]:
    """(lines, path) for every module in lib/, longest first."""
    sizes = [(len(p.read_text(encoding="utf-8").splitlines()), str(p.relative_to(LIB.parent))) for p in python_files()]
    return sorted(sizes, reverse=True)


def function_lengths() -> list[tuple[int, str]]:
    """(lines, 'path:function') for every function and method in lib/, longest first."""
    out = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out.append((node.end_lineno - node.lineno + 1, f"{path.relative_to(LIB.parent)}:{node.name}"))
    return sorted(out, reverse=True)


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
                    first.value.value, str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def code_text(source: str) -> str:
    """``source`` without docstrings (and the doctests in them) and comments: the lines that are code."""
    skip = _docstring_lines(ast.parse(source))
    kept = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT or token.start[0] in skip:
            continue
        kept.append(token.string)
    return " ".join(kept)


@pytest.mark.parametrize("source, found", [
    ('"""Putin said so."""\nx = 1  # Kremlin\n', []),
    ('SIDES = {"kremlin": "Russia"}\n', ["kremlin", "Russia"]),
    ('def f():\n    """>>> f("Kyiv")"""\n    return "Kyiv"\n', ["Kyiv"]),
    ("russian = 2\n", ["russia"]),
])
def test_code_text_keeps_code_and_drops_docstrings_and_comments(source, found):
    assert _STORY.findall(code_text(source)) == found


def test_no_bundled_story_in_library_code():
    hits = {str(p.relative_to(LIB.parent)): sorted(set(_STORY.findall(code_text(p.read_text(encoding="utf-8")))))
            for p in python_files()}
    assert {path: words for path, words in hits.items() if words} == {}


def test_modules_are_small():
    assert [(n, path) for n, path in file_lengths() if n >= MAX_FILE_LINES] == []


def test_functions_are_short():
    assert [(n, name) for n, name in function_lengths() if n > MAX_FUNCTION_LINES] == []


if __name__ == "__main__":
    print("largest files in lib/:")
    for n, path in file_lengths()[:5]:
        print(f"  {n:4d}  {path}")
    print("longest functions in lib/:")
    for n, name in function_lengths()[:5]:
        print(f"  {n:4d}  {name}")
