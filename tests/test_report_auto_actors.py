"""The runner with no actor table given (``actors="auto"``): on a corpus of its own, the automatic table is built
once before the notebooks, written beside the reports and announced at the top of each; an unknown focus actor
stops the run before any kernel; a corpus with no frequent name still renders, saying so in one sentence."""

from __future__ import annotations

import re

import pytest
from foreign_corpus import PEOPLE, write_folder
from test_reports_fit import ARTICLE

from lib import report
from lib.actors import AUTO_TABLE_FILE, load_actors

pytestmark = pytest.mark.notebook
NOTEBOOKS = "01,02"
ANNOUNCED = "built automatically from this corpus"


@pytest.fixture(scope="module")
def flood_reports(tmp_path_factory):
    corpus = write_folder(tmp_path_factory.mktemp("floods") / "news")
    out = tmp_path_factory.mktemp("out")
    code = report.main(["--corpus", str(corpus), "--notebooks", NOTEBOOKS, "--out", str(out), "--quiet",
                        "--cache-dir", str(out.parent / "cache")])
    return code, out


def test_the_automatic_table_is_written_beside_the_reports(flood_reports):
    code, out = flood_reports
    assert code == 0
    table = load_actors(out / AUTO_TABLE_FILE)  # the format of data/actors.csv, ready to pass back
    assert set(PEOPLE) <= set(table.names.values())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"the {len(table)} actors counted were found in the corpus" in index
    assert '<a href="actors_auto.csv">' in index


@pytest.mark.parametrize("name", ["01_entity_counts", "02_sentiment_per_actor"])
def test_each_report_announces_it_at_the_top(flood_reports, name):
    _, out = flood_reports
    page = (out / f"{name}.html").read_text(encoding="utf-8")
    first = page.index('class="note-info"')
    assert ANNOUNCED in page[first:first + 2000] and str(out / AUTO_TABLE_FILE) in page[first:first + 2000]
    assert f"<code>-p actors {out / AUTO_TABLE_FILE}</code>" in page[first:first + 2000]  # the command to type
    assert first < page.find("<img") or "<img" not in page  # before any figure
    assert "Laura Whitfield" in page  # counted with the automatic table, not the bundled one


def test_notebook_01_previews_the_table_it_used_and_records_the_fit(flood_reports):
    _, out = flood_reports
    page = (out / "01_entity_counts.html").read_text(encoding="utf-8")
    assert "Martin Kessler" in page and "Vladimir Putin" not in page
    fit = (out / "01_entity_counts" / "actor_table_fit.csv").read_text(encoding="utf-8")
    assert fit.startswith("table,automatic,actors,matched,frequent,share,missing,warning")


def test_an_unknown_focus_actor_stops_the_run_after_the_table_is_built(tmp_path, capsys):
    corpus = write_folder(tmp_path / "news")
    out = tmp_path / "out"
    code = report.main(["--corpus", str(corpus), "--notebooks", "01", "--out", str(out), "-p", "focus_actor",
                        "Whitfeld", "--cache-dir", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 2 and len(errors) == 1 and "Whitfeld" in errors[0] and "Traceback" not in err, err
    assert not list(out.glob("*.html"))  # no kernel ran


def test_a_corpus_without_frequent_names_renders_and_says_so(tmp_path):
    corpus = tmp_path / "garden"
    for stem in ("001", "002"):
        (corpus / "town").mkdir(parents=True, exist_ok=True)
        (corpus / "town" / f"{stem}.txt").write_text(ARTICLE.format(title=f"Club notes {stem}"), encoding="utf-8")
    out = tmp_path / "out"
    assert report.main(["--corpus", str(corpus), "--notebooks", NOTEBOOKS, "--out", str(out), "--quiet",
                        "--cache-dir", str(tmp_path / "cache")]) == 0
    for name in ("01_entity_counts", "02_sentiment_per_actor"):
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "No actors were found" in page and "-p actors FILE" in page, name
        assert not re.search(r"<tbody>\s*</tbody>", page), f"{name}: a header-only table"
    assert len(load_actors(out / AUTO_TABLE_FILE)) == 0
