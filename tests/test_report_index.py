"""The index page: the corpus in one line, warnings first, headline findings with their n read from the tables
the notebooks wrote, and every corpus-derived value escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.report.execute import Result
from lib.report.findings import findings
from lib.report.pages import write_index

NAMES = ["00_corpus_overview", "01_entity_counts", "02_sentiment_per_actor", "03_topic_frequency"]


@pytest.fixture()
def out(tmp_path):
    tables = {
        "00_corpus_overview/articles": pd.DataFrame({
            "doc_id": ["a", "b", "c"], "date": ["2019-03-01", "2020-01-31", ""],
            "outlet": ["<b>Daily</b>", "<b>Daily</b>", "Herald"]}),
        "00_corpus_overview/skipped_files": pd.DataFrame({"file": ["x<script>.bin"], "reason": ["binary file"]}),
        "01_entity_counts/mentions_per_actor": pd.DataFrame({
            "actor_id": ["m", "s", "k"], "name": ["Mayor <i>Lee</i>", "Smith", "Kaur"],
            "mentions_with_roles": [12, 40, 7]}),
        "02_sentiment_per_actor/tone_summary": pd.DataFrame({
            "name": ["Smith", "Lee", "Kaur", "Smith"], "kind": ["portrayal", "portrayal", "portrayal", "voice"],
            "n": [30, 12, 4, 50], "mean": [0.20, -0.30, 0.9, 0.5]}),
        "03_topic_frequency/topic_frequency_overall": pd.DataFrame({
            "topic": ["labour", "health", "sport"], "hits": [9, 3, 0], "sentences_with_topic": [7, 3, 0],
            "per_1000_words": [30.0, 10.0, 0.0], "sentences": [40, 40, 40]}),
    }
    for name, frame in tables.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    for name in NAMES:
        (tmp_path / f"{name}.html").write_text("<html></html>")
    return tmp_path


def test_index_shows_corpus_warnings_and_findings_with_their_n(out):
    results = [Result(n, "ok", 1.0, parameters={"corpus": "/news/<mine>"}) for n in NAMES]
    results.append(Result("04_coverage", "failed", 1.0, error="KeyError: <b>date</b>"))
    page = write_index(results, out, earlier=[]).read_text(encoding="utf-8")
    assert "Media-analysis reports: /news/&lt;mine&gt;" in page
    assert "3 articles, dated 2019-03-01 to 2020-01-31 (1 undated); 2 outlets: &lt;b&gt;Daily&lt;/b&gt; (2)" in page
    warnings = page.split('class="warnings"', 1)[1].split("</div>", 1)[0]
    assert "04_coverage failed: KeyError: &lt;b&gt;date&lt;/b&gt;" in warnings
    assert "x&lt;script&gt;.bin (binary file)" in warnings
    assert page.index('class="warnings"') < page.index("Headline findings") < page.index("<table>")
    assert "Smith (40 mentions), Mayor &lt;i&gt;Lee&lt;/i&gt; (12 mentions), Kaur (7 mentions); n = 59" in page
    assert "labour (30.0 per 1,000 words, n = 7 sentences)" in page and "sport" not in page.split("<table>")[0]
    assert '<a href="01_entity_counts.html">' in page and '<a href="03_topic_frequency.html">' in page
    assert "<b>" not in page and "<script" not in page and "<i>" not in page


def test_tone_finding_never_names_an_actor_as_both_highest_and_lowest(out):
    tone = [f for f in findings(out) if f.report == "02_sentiment_per_actor"][0]
    high, low = tone.text.split("Lowest:")
    assert "Smith (+0.20, n = 30)" in high and "Lee" not in high
    assert "Lee (-0.30, n = 12)" in low and "Smith" not in low
    assert "Kaur" not in tone.text  # 4 sentences: below the minimum


def test_no_tables_no_findings_and_a_sentence_says_so(tmp_path):
    page = write_index([Result("00_x", "ok", 1.0)], tmp_path, earlier=[]).read_text(encoding="utf-8")
    assert findings(tmp_path) == [] and "No headline finding" in page and 'class="warnings"' not in page
