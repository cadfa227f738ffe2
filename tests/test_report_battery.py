"""The runner against a careful, hostile user (issue 9): every bad input stops the run before any kernel
starts, with exit code 2 and one line naming the file; re-runs never report stale files as current; one run
at a time per output folder; Ctrl-C stops everything at once and says so."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from test_report import make_notebook

from lib import paths, report
from lib.errors import InputError
from lib.report import outputs, schedule

ACTORS = "actor_id,name,type,side,aliases,roles\nputin,Vladimir Putin,PERSON,Russia,Putin,\n"
TOPICS = "topic,term,description\nceasefire,ceasefire,Talk of a ceasefire\n"
ARTICLE = "Vladimir Putin spoke about a ceasefire on Monday, officials said in Moscow.\n"

# (case, files written into tmp_path, command-line arguments, text the one-line error must contain)
INPUT_ERRORS = [
    ("malformed CSV corpus", {"news.csv": 'doc_id,text\na,"fine text"\nb,"never closed\n'},
     ["--corpus", "{tmp}/news.csv"], "news.csv"),
    ("malformed JSONL corpus", {"news.jsonl": '{"doc_id": "a", "text": "fine"}\n{"doc_id": "b", "text": \n'},
     ["--corpus", "{tmp}/news.jsonl"], "news.jsonl line 2"),
    ("duplicate ids", {"news.csv": "doc_id,text\na,First text here\na,Second text here\n"},
     ["--corpus", "{tmp}/news.csv"], "Duplicate doc_id 'a'"),
    ("broken actor table", {"actors.csv": "actor_id,name\nputin,Putin\n"},
     ["--notebooks", "01", "-p", "actors", "{tmp}/actors.csv"], "actors.csv, line 1"),
    ("broken topic table", {"topics.csv": "topic,term,description\nceasefire,,x\n"},
     ["--notebooks", "03", "-p", "topics", "{tmp}/topics.csv", "-p", "evidence_topic", "ceasefire"],
     "topics.csv line 2"),
    ("unknown focus actor", {}, ["--notebooks", "01", "-p", "focus_actor", "Putn"], "Putn"),
    ("unknown focus actor in 02", {}, ["--notebooks", "02", "-p", "focus_actor", "nobody_at_all"], "nobody_at_all"),
    ("unknown evidence topic", {}, ["--notebooks", "03", "-p", "evidence_topic", "weather"], "evidence_topic"),
    ("top_n out of range", {}, ["--notebooks", "01", "-p", "top_n", "0"], "top_n must be at least 1"),
    ("threshold out of range", {}, ["--notebooks", "00", "-p", "reuse_threshold", "7"], "reuse_threshold"),
    ("unknown entity type", {}, ["--notebooks", "01", "-p", "entity_types", '["PERSON", "ALIEN"]'], "ALIEN"),
    ("bad on_bad_file", {}, ["--notebooks", "00", "-p", "on_bad_file", "ignore"], "on_bad_file"),
    ("unreadable file with on_bad_file=raise", {"c/a.txt": ARTICLE, "c/b.txt": "\x00\x01\x02binary\x00" * 50},
     ["--notebooks", "00", "--corpus", "{tmp}/c", "-p", "on_bad_file", "raise"], "b.txt"),
    ("runner-owned parameter", {}, ["--notebooks", "00", "-p", "tables_dir", "/tmp/x"], "set by the runner"),
    ("--out names a file", {"taken.txt": "mine"}, ["--notebooks", "00", "--out", "{tmp}/taken.txt"],
     "is a file, not a folder"),
]


def write_files(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def warm_imports(tmp_path_factory):
    """Import what a run imports once, so each case times its own checks, not the first import of pandas,
    matplotlib and papermill (the cold command line: benchmarks/report_validation.py)."""
    report.main(["--notebooks", "00", "-p", "reuse_top", "0", "--out", str(tmp_path_factory.mktemp("warm") / "o")])


@pytest.mark.parametrize(("case", "files", "args", "message"), INPUT_ERRORS, ids=[c[0] for c in INPUT_ERRORS])
def test_input_errors_stop_before_any_kernel_with_one_line(tmp_path, capsys, warm_imports, case, files, args,
                                                           message):
    write_files(tmp_path, files)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    start = time.process_time()  # CPU seconds: the shared test machine's load does not count
    code = report.main(args)
    seconds = time.process_time() - start
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert not (tmp_path / "out").exists()  # nothing ran, nothing written
    assert seconds < 3, f"{case}: {seconds:.1f} s"


# ---------------------------------------------------------------- runs with small notebooks of our own
def notebook(folder, name, body, parameters="mode: str = 'all'  # what to write\ntables_dir: str = ''  # set"):
    return make_notebook(folder, name, body, parameters)  # tests/test_report.py: the one notebook writer


WRITER = ("import pandas as pd\nfrom lib.output import table_writer\nsave = table_writer(tables_dir)\n"
          "save(pd.DataFrame({'n': [1]}), 'first')\n"
          "if mode == 'all':\n    save(pd.DataFrame({'n': [2]}), 'second')\n"
          "else:\n    raise ValueError('\\n\\nstopped after the first table')")


@pytest.mark.notebook
def test_a_rerun_removes_only_the_files_the_last_run_wrote(tmp_path):
    nb = notebook(tmp_path, "00_writer", WRITER)
    out = tmp_path / "out"
    [first] = report.run_all([nb], {}, out, jobs=1, progress=False)
    assert first.status == "ok" and first.tables == ["first.csv", "second.csv"]
    (out / "00_writer" / "my_notes.csv").write_text("mine\n")  # a user's own file: never touched
    (out / "keep.txt").write_text("mine\n")
    [second] = report.run_all([nb], {nb: {"mode": "fail"}}, out, jobs=1, progress=False)
    assert second.status == "failed"
    assert second.error == "ValueError: stopped after the first table"  # the first non-empty line
    assert second.tables == ["first.csv"]
    assert not (out / "00_writer" / "second.csv").exists()  # stale table from the earlier run is gone
    assert (out / "00_writer" / "my_notes.csv").exists() and (out / "keep.txt").exists()
    [row] = json.loads((out / "manifest.json").read_text())
    assert row["tables"] == ["first.csv"] and "00_writer/second.csv" not in row["files"]


@pytest.mark.notebook
def test_notebooks_not_rerun_stay_in_the_index_with_their_date(tmp_path):
    first = notebook(tmp_path, "00_first", "print(1)")
    second = notebook(tmp_path, "01_second", "print(2)")
    out = tmp_path / "out"
    report.run_all([first, second], {}, out, jobs=2, progress=False)
    earlier = {r.name: r.finished for r in report.read_manifest(out)}
    time.sleep(1.1)
    report.run_all([second], {}, out, jobs=1, progress=False)
    manifest = {m["name"]: m for m in json.loads((out / "manifest.json").read_text())}
    assert manifest["00_first"]["this_run"] is False and manifest["01_second"]["this_run"] is True
    assert manifest["00_first"]["finished"] == earlier["00_first"] != manifest["01_second"]["finished"]
    index = (out / "index.html").read_text()
    assert f"earlier run ({earlier['00_first']})" in index


@pytest.mark.notebook
def test_a_second_run_into_the_same_folder_is_refused(tmp_path, capsys):
    nb = notebook(tmp_path, "00_any", "print(1)")
    out = tmp_path / "out"
    with outputs.locked(out):
        with pytest.raises(InputError, match="Another run .* is writing into"):
            report.run_all([nb], {}, out, jobs=1, progress=False)
        code = report.main(["--notebooks", str(nb), "--out", str(out)])
    assert code == 2 and "Another run" in capsys.readouterr().err
    [result] = report.run_all([nb], {}, out, jobs=1, progress=False)  # free again afterwards
    assert result.status == "ok"


@pytest.mark.notebook
def test_reader_pages_show_a_failed_cell_in_one_line_and_the_index_forbids_scripts(tmp_path):
    nb = notebook(tmp_path, "00_fails", "def deep():\n    raise KeyError('no such column: tone')\ndeep()")
    out = tmp_path / "out"
    [result] = report.run_all([nb], {}, out, jobs=1, progress=False)
    assert result.error == "KeyError: 'no such column: tone'"
    reader = (out / "00_fails.html").read_text(encoding="utf-8")
    code = (out / "00_fails.code.html").read_text(encoding="utf-8")
    assert "no such column: tone" in reader and "Traceback" not in reader and "deep()" not in reader
    assert "Traceback" in code and "deep()" in code
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'content="{report.REPORT_CSP}"' in index and "script-src 'none'" in index


def process_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return not any(line.startswith("State:") and "Z" in line for line in status)
    except OSError:
        return False


@pytest.mark.notebook
@pytest.mark.skipif(not os.path.isdir("/proc") or os.name == "nt", reason="needs POSIX signals and /proc")
def test_ctrl_c_stops_everything_within_two_seconds(tmp_path):
    marker = tmp_path / "kernel.pid"
    body = (f"import os, time, pandas as pd\nfrom lib.output import table_writer\n"
            f"table_writer(tables_dir)(pd.DataFrame({{'n': [1]}}), 'partial')\n"
            f"open({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(120)")
    slow = notebook(tmp_path, "00_slow", body)
    started = tmp_path / "other.pid"  # both kernels running when Ctrl-C comes, whatever the machine's load
    other = notebook(tmp_path, "01_other", f"import os, time\nopen({str(started)!r}, 'w').write(str(os.getpid()))\n"
                                           "time.sleep(120)")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT)}
    runner = subprocess.Popen([sys.executable, "-m", "lib.report", "--quiet", "--notebooks", f"{slow},{other}",
                               "--out", str(out)], cwd=tmp_path, env=env, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not all(m.exists() and m.read_text() for m in (marker, started)) and time.monotonic() < deadline:
            time.sleep(0.2)
        kernel = int(marker.read_text())
        start = time.monotonic()
        os.killpg(runner.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        stdout, stderr = runner.communicate(timeout=10)
        seconds = time.monotonic() - start
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
    assert runner.returncode == 130, stderr
    assert seconds < 2, f"stopped after {seconds:.1f} s"
    assert "Traceback" not in stderr + stdout
    time.sleep(0.3)
    assert not process_alive(kernel), "the kernel was left running"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "This run was interrupted" in index
    assert not (out / "00_slow" / "partial.csv").exists()  # partial results removed
    statuses = {m["name"]: m["status"] for m in json.loads((out / "manifest.json").read_text())}
    assert statuses == {"00_slow": "interrupted", "01_other": "interrupted"}


def test_tests_never_annotate_into_the_project_cache(private_annotation_cache, tmp_path, monkeypatch):
    seen = {}

    def spy(tasks, *args, **kwargs):  # runs nothing: only the runner's parameters for each notebook matter here
        seen.update({nb.stem: extra for nb, _, extra in tasks})
        return {nb.stem: report.Result(nb.stem, "ok", 0.0) for nb, _, _ in tasks}

    monkeypatch.setattr(schedule, "run_parallel", spy)
    report.run_all(report.find_notebooks("00"), {}, tmp_path / "out", progress=False)
    assert seen["00_corpus_overview"]["cache_dir"] == str(private_annotation_cache)
    assert seen["00_corpus_overview"]["tables_dir"] == str(tmp_path / "out" / "00_corpus_overview")
