"""lib.report: parameters checked before anything runs, failures isolated, index written and escaped."""

from __future__ import annotations

import json

import nbformat
import pytest

from lib import report
from lib.errors import InputError

PARAMETERS = "top_n: int = 5  # how many\nlabel: str = 'x'  # a label"


def make_notebook(folder, name, body, parameters=PARAMETERS):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Question of {name}?"), params, nbformat.v4.new_code_cell(body)]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture()
def notebooks(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    good = make_notebook(folder, "00_good", "from lib.output import table_writer\nimport pandas as pd\n"
                                            "save_table = table_writer(tables_dir)\n"
                                            "save_table(pd.DataFrame({'n': [top_n]}), 'result')\nprint(label)",
                         parameters=PARAMETERS + "\ntables_dir: str = ''  # where tables go (set by the runner)")
    bad = make_notebook(folder, "01_bad", "raise ValueError('broken on purpose <b>')")
    return folder, good, bad


@pytest.mark.parametrize(
    ("name", "raw", "declared", "expected"),
    [("n", "5", "int", 5), ("x", "0.5", "float", 0.5), ("b", "true", "bool", True), ("s", "abc", "str", "abc"),
     ("l", '["putin", "trump"]', "list[str]", ["putin", "trump"]), ("n", "-3", "int", -3)],
)
def test_coerce(name, raw, declared, expected):
    assert report.coerce(name, raw, declared) == expected


@pytest.mark.parametrize(("raw", "declared"), [("ten", "int"), ("1.5", "int"), ("maybe", "bool"), ("[1", "list")])
def test_coerce_refuses_values_of_the_wrong_type(raw, declared):
    with pytest.raises(InputError, match="expects"):
        report.coerce("p", raw, declared)


def test_unknown_parameter_is_an_error_with_a_suggestion(notebooks):
    _, good, bad = notebooks
    with pytest.raises(InputError, match="Unknown parameter 'topn'.*Did you mean 'top_n'"):
        report.resolve_parameters([good, bad], {"topn": "3"})


def test_parameters_are_coerced_per_notebook(notebooks):
    _, good, bad = notebooks
    assert report.resolve_parameters([good], {"top_n": "7"}) == {good: {"top_n": 7}}


def test_find_notebooks_by_prefix_and_name(notebooks):
    folder, good, bad = notebooks
    assert report.find_notebooks("01", folder=folder) == [bad]
    assert report.find_notebooks("00_good,01", folder=folder) == [good, bad]
    with pytest.raises(InputError, match="No notebook '07'"):
        report.find_notebooks("07", folder=folder)


def test_cli_rejects_a_mistyped_parameter_before_running(tmp_path, capsys):
    code = report.main(["--notebooks", "00", "-p", "reuse_treshold", "0.3", "--out", str(tmp_path / "out")])
    assert code == 2
    assert "Did you mean 'reuse_threshold'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing ran


def test_cli_rejects_a_value_of_the_wrong_type(tmp_path, capsys):
    code = report.main(["--notebooks", "00", "-p", "reuse_top", "many", "--out", str(tmp_path / "out")])
    assert code == 2
    assert "reuse_top expects int" in capsys.readouterr().err


def test_help_documents_the_options(capsys):
    with pytest.raises(SystemExit):
        report.main(["--help"])
    out = capsys.readouterr().out
    for option in ("--corpus", "--notebooks", "--parameter", "--out", "--jobs", "Exit status"):
        assert option in out


@pytest.mark.notebook
def test_a_failing_notebook_does_not_stop_the_others(notebooks, tmp_path):
    folder, good, bad = notebooks
    out = tmp_path / "out"
    results = report.run_all([good, bad], {good: {"top_n": 9}}, out, jobs=2, progress=False)
    assert [(r.name, r.status) for r in results] == [("00_good", "ok"), ("01_bad", "failed")]
    assert "ValueError: broken on purpose" in results[1].error
    assert (out / "01_bad.ipynb").exists() and (out / "01_bad.html").exists()  # partial run kept and rendered
    assert (out / "00_good" / "result.csv").read_text() == "n\n9\n"
    index = (out / "index.html").read_text()
    assert "broken on purpose &lt;b&gt;" in index and "<b>" not in index
    manifest = json.loads((out / "manifest.json").read_text())
    assert [m["status"] for m in manifest] == ["ok", "failed"]
    code_page = (out / "00_good.code.html").read_text()
    reader_page = (out / "00_good.html").read_text()
    assert "save_table" in code_page and "save_table" not in reader_page
    assert "<title>Question of 00_good?</title>" in reader_page


def test_save_table_refuses_odd_names():
    import pandas as pd

    with pytest.raises(InputError):
        report.save_table(pd.DataFrame(), "../escape")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corpus", "no/such/folder"], "'no/such/folder' does not exist"),
        (["-p", "actors", "missing.csv"], "'missing.csv' does not exist"),
    ],
)
def test_missing_paths_stop_before_anything_runs(tmp_path, capsys, args, message):
    code = report.main([*args, "--notebooks", "01", "--out", str(tmp_path / "out")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_empty_corpus_folder_stops_before_anything_runs(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert report.main(["--corpus", str(tmp_path / "empty"), "--notebooks", "00", "--out", str(tmp_path / "o")]) == 2
    assert "holds no .txt or .html articles" in capsys.readouterr().err


def test_relative_paths_are_taken_from_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.txt").write_text("Kyiv said talks would resume.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    nbs = report.find_notebooks("00")
    assert report.resolve_paths(nbs, {"corpus": "mine"}) == {"corpus": str(tmp_path / "mine")}
    assert report.resolve_paths(nbs, {"corpus": "data/corpus"})["corpus"] == str(report.paths.CORPUS)


@pytest.mark.notebook
def test_rerunning_one_notebook_keeps_the_others_in_the_index(notebooks, tmp_path):
    folder, good, bad = notebooks
    out = tmp_path / "out"
    report.run_all([good, bad], {}, out, jobs=2, progress=False)
    report.run_all([good], {}, out, jobs=1, progress=False)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(m["name"], m["status"]) for m in manifest] == [("00_good", "ok"), ("01_bad", "failed")]
    assert "2 notebooks, 1 failed" in (out / "index.html").read_text()


def test_slowest_notebooks_start_first(notebooks, tmp_path):
    folder, good, bad = notebooks
    assert report.longest_first([good, bad], tmp_path) == sorted([good, bad], key=lambda p: p.stat().st_size,
                                                                   reverse=True)
    (tmp_path / "manifest.json").write_text(json.dumps([{"name": "00_good", "seconds": 9.0},
                                                         {"name": "01_bad", "seconds": 1.0}]))
    assert report.longest_first([bad, good], tmp_path) == [good, bad]


@pytest.mark.notebook
def test_a_dead_kernel_still_leaves_a_notebook_and_a_page(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    dies = make_notebook(folder, "02_dies", "import os\nos._exit(1)")
    out = tmp_path / "out"
    [result] = report.run_all([dies], {dies: {"top_n": 3}}, out, jobs=1, progress=False)
    assert result.status == "failed" and "Kernel" in result.error
    page = (out / "02_dies.html").read_text(encoding="utf-8")
    assert "did not finish" in page
    assert "top_n = 3" in (out / "02_dies.ipynb").read_text(encoding="utf-8")
