"""Tests for lib.imports: the optional-import block reaches only the package being imported, and only while it
is imported. Throw-away modules are written to a temporary folder for each test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lib.imports import import_without


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """Write modules ``{name: source}`` (``pkg/__init__`` style names allowed) and forget them afterwards."""
    written: list[str] = []

    def write(sources: dict[str, str]) -> None:
        for name, source in sources.items():
            path = tmp_path / f"{name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
            written.append(name.split("/")[0])

    monkeypatch.syspath_prepend(str(tmp_path))
    yield write
    for name in list(sys.modules):
        if name.split(".")[0] in written:
            del sys.modules[name]


OPTIONAL_IMPORT = "try:\n    import sto_optional\n    HAVE = True\nexcept ImportError:\n    HAVE = False\n"


def test_only_the_package_is_refused_the_optional_module(modules):
    modules({
        "sto_optional": "VALUE = 42\n",
        "sto_helper": "import sto_optional\nGOT = sto_optional.VALUE\n",
        "sto_pkg/__init__": OPTIONAL_IMPORT + "from sto_pkg import inner\nimport sto_helper\n",
        "sto_pkg/inner": OPTIONAL_IMPORT,
    })
    finders = list(sys.meta_path)
    pkg = import_without("sto_pkg", "sto_optional")
    assert pkg.HAVE is False and pkg.inner.HAVE is False  # the package and its submodules are refused
    assert sys.modules["sto_helper"].GOT == 42  # another module imported meanwhile is not
    assert sys.meta_path == finders
    import sto_optional  # and afterwards it imports normally

    assert sto_optional.VALUE == 42


def test_submodules_of_an_optional_package_are_refused_too(modules):
    modules({
        "sto_extra/__init__": "",
        "sto_extra/stats": "X = 1\n",
        "sto_user": "try:\n    from sto_extra.stats import X\nexcept ImportError:\n    X = None\n",
    })
    assert import_without("sto_user", "sto_extra.stats").X is None
    assert import_without("sto_extra.stats").X == 1


def test_an_error_while_importing_leaves_nothing_behind(modules):
    modules({"sto_broken": "import sto_missing_dependency\n"})
    finders = list(sys.meta_path)
    with pytest.raises(ImportError):
        import_without("sto_broken", "sto_optional")
    assert sys.meta_path == finders and "sto_optional" not in sys.modules


def test_an_already_imported_package_is_returned_as_is():
    assert import_without("json", "decimal") is sys.modules["json"]


def test_the_runner_imports_papermill_without_the_iri_grammar():
    code = ("import sys; from lib.report.notebooks import import_papermill; import_papermill(); "
            "print('rfc3987_syntax' in sys.modules, 'papermill' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]  # jsonschema falls back to no IRI check: ~1.2 s saved per run
