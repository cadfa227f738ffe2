"""Reports fit the corpus: on a corpus the bundled tables do not match, no notebook shows the bundled story's
remarks, an empty chart or a header-only table; each says in one sentence why there is nothing to show."""

from __future__ import annotations

import re

import pytest

from lib import paths, report

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
ARTICLE = """{title}

The garden club met on a quiet evening in the old library hall. Members looked at the plans for the spring
flower show and agreed on the order of the stalls.

The secretary read the minutes of the last gathering. Tea and cake followed, and the hall was locked at nine.
"""


@pytest.fixture(scope="module")
def unmatched_reports(tmp_path_factory):
    """Four articles in section folders with repeated file stems, matching no actor and no topic term of the
    bundled tables (given explicitly, so the check does not depend on what ``auto`` picks)."""
    corpus = tmp_path_factory.mktemp("garden")
    for section in ("town", "village"):
        for stem in ("001", "002"):
            (corpus / section).mkdir(exist_ok=True)
            (corpus / section / f"{stem}.txt").write_text(ARTICLE.format(title=f"Club notes {section} {stem}"),
                                                         encoding="utf-8")
    given = {"corpus": str(corpus), "actors": str(paths.ACTORS), "topics": str(paths.TOPICS)}
    out = tmp_path_factory.mktemp("reports")
    parameters = {nb: {k: v for k, v in given.items() if k in report.notebook_parameters(nb)} for nb in NOTEBOOKS}
    results = report.run_all(NOTEBOOKS, parameters, out, jobs=2, progress=False)
    return out, {r.name: r for r in results}


@pytest.mark.notebook
def test_every_notebook_renders_without_the_bundled_story(unmatched_reports):
    out, results = unmatched_reports
    for name, result in results.items():
        assert result.status == "ok", (name, result.error)
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "On the bundled corpus" not in page and "note-bundled" not in page, name


@pytest.mark.notebook
@pytest.mark.parametrize("name", ["01_entity_counts", "03_topic_frequency"])
def test_nothing_to_show_is_a_sentence_not_an_empty_figure_or_table(unmatched_reports, name):
    out, _ = unmatched_reports
    page = (out / f"{name}.html").read_text(encoding="utf-8")
    assert "<img src=\"data:image/png" not in page, "no actor or topic matches, so every figure would be empty"
    assert not re.search(r"<tbody>\s*</tbody>", page), "a header-only table"
    assert page.count('class="note-empty"') >= 3
