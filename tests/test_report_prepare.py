"""The runner annotates each corpus once before the notebooks start (lib.report.prepare)."""

from __future__ import annotations

import pytest

from lib import paths
from lib.pipeline import Annotated
from lib.report import cli
from lib.report.prepare import annotate_once, annotation_jobs
from lib.stages import CHUNK_STAGES


def request(**changes) -> dict:
    base = {"corpus": "c", "errors": "skip", "columns": "", "actors": None, "topics": None, "cache_dir": ".cache"}
    return {**base, **changes}


def test_jobs_merge_notebooks_on_one_corpus_and_keep_distinct_tables():
    jobs = annotation_jobs([request(), request(actors="a.csv"), request(actors="a.csv", topics="auto"),
                            request(actors="b.csv", topics="auto"), request(corpus="d")], cache_dir=None)
    assert [(j["corpus"], j["actors"], j["topics"]) for j in jobs] == [
        ("c", "a.csv", "auto"), ("c", "b.csv", "auto"), ("d", None, None)]


def test_runner_cache_dir_overrides_the_notebooks_own():
    jobs = annotation_jobs([request(cache_dir=".cache"), request(cache_dir="elsewhere")], cache_dir="/tmp/x")
    assert len(jobs) == 1 and jobs[0]["cache_dir"] == "/tmp/x"


def test_annotate_once_leaves_nothing_for_the_notebooks_to_build(tmp_path):
    job = {"corpus": str(paths.CORPUS), "errors": "skip", "columns": None, "cache_dir": str(tmp_path),
           "actors": str(paths.ACTORS), "topics": "auto"}
    seconds = annotate_once([job], workers=1, progress=False)
    assert set(seconds) >= {"articles", "sentences", "mentions", "quotes", "tones", "topic_hits"}
    later = Annotated(paths.CORPUS, paths.ACTORS, "auto", cache_dir=tmp_path, workers=1, errors="skip")
    assert later._missing(list(CHUNK_STAGES)) == ()
    assert annotate_once([job], workers=1, progress=False) == {}  # cached: nothing rebuilt


def test_cli_annotates_before_any_notebook_starts(tmp_path, monkeypatch):
    seen = {}

    def fake_run_all(notebooks, parameters, out, **kwargs):
        data = Annotated(paths.CORPUS, paths.ACTORS, "auto", cache_dir=tmp_path / "cache", workers=1,
                         errors="skip")
        seen["missing"] = data._missing(list(CHUNK_STAGES))
        return []

    monkeypatch.setattr(cli, "run_all", fake_run_all)
    status = cli.main(["--notebooks", "03", "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"),
                       "--workers", "1", "--quiet", "-p", "actors", str(paths.ACTORS)])
    assert status == 0 and seen["missing"] == ()


@pytest.mark.parametrize("value", ["0", "-2"])
def test_workers_must_be_positive(tmp_path, value, capsys):
    assert cli.main(["--notebooks", "00", "--out", str(tmp_path), "--workers", value]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


def test_a_locked_out_folder_is_refused_before_the_annotation_pass(tmp_path, monkeypatch, capsys):
    from lib.report import outputs

    def no_annotation(*args, **kwargs):
        raise AssertionError("annotated although --out is locked")

    monkeypatch.setattr(cli, "annotate_once", no_annotation)
    out = tmp_path / "out"
    with outputs.locked(out):
        status = cli.main(["--notebooks", "00", "--out", str(out), "--cache-dir", str(tmp_path / "c"), "--quiet"])
    assert status == 2 and "Another run" in capsys.readouterr().err
