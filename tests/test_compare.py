"""lib.compare: grouping by period and metadata, measures with hand-computed counts, shares and intervals, and
notebook 04 on thin metadata (no dates, one outlet)."""

from __future__ import annotations

import math

import nbformat
import numpy as np
import pandas as pd
import pytest

from lib import compare as cmp
from lib import paths, report
from lib.errors import InputError
from lib.sentiment import tone_summary
from lib.topics import distinctive_terms

# Six articles we wrote: two outlets, dates in three months (one ISO week crosses a month), one undated,
# one without an outlet. Word counts: 4, 6, 2, 8, 10, 5 (lib.text.word_count).
ARTICLES = pd.DataFrame({
    "doc_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
    "date": ["2024-01-03", "2024-01-31", "2024-02-01", "2024-02-20", "2024-03-05", ""],
    "outlet": ["Alpha", "Alpha", "Alpha", "Beta", "Beta", ""],
    "text": ["one two three four", "one two three four five six", "one two",
             "one two three four five six seven eight", "one two three four five six seven eight nine ten",
             "one two three four five"],
})
# Mentions: kim in a1 (twice), a3, b1; lee in a2 and b1 (three times).
MENTIONS = pd.DataFrame({"doc_id": ["a1", "a1", "a3", "b1", "a2", "b1", "b1", "b1"],
                         "actor_id": ["kim", "kim", "kim", "kim", "lee", "lee", "lee", "lee"]})


@pytest.fixture()
def groups():
    return cmp.article_groups(ARTICLES, by=["outlet"], period="month")


def test_groups_have_periods_outlets_words_and_count_the_undated(groups):
    assert groups["period"].fillna("-").tolist() == ["2024-01", "2024-01", "2024-02", "2024-02", "2024-03", "-"]
    assert groups["outlet"].tolist() == ["Alpha", "Alpha", "Alpha", "Beta", "Beta", cmp.MISSING]
    assert groups["words"].tolist() == [4, 6, 2, 8, 10, 5]
    assert groups.attrs == {"period": "month", "undated": 1, "by": ["outlet"]}


@pytest.mark.parametrize("period, labels", [
    ("day", ["2024-01-03", "2024-01-31", "2024-02-01", "2024-02-20", "2024-03-05"]),
    ("week", ["2024-W01", "2024-W05", "2024-W05", "2024-W08", "2024-W10"]),  # 31 Jan and 1 Feb: one ISO week
    ("quarter", ["2024-Q1"] * 5),
    ("year", ["2024"] * 5),
])
def test_period_labels(period, labels):
    g = cmp.article_groups(ARTICLES, period=period)
    assert g["period"].dropna().tolist() == labels


@pytest.mark.parametrize("n, start, end, expected", [
    (7711, "2016-01-01", "2020-07-21", "month"),   # the development corpus: 55 months of about 140 articles
    (2000, "2020-01-01", "2020-12-31", "week"),
    (5000, "2020-01-01", "2020-01-31", "day"),
    (100, "2020-01-01", "2020-03-31", "month"),    # 13 weeks of 7.7 articles are too thin
    (8, "2024-01-10", "2024-02-17", "month"),      # too few for any period: the coarsest with two periods
    (30, "2015-01-01", "2020-12-31", "year"),
])
def test_auto_period_follows_span_and_size(n, start, end, expected):
    assert cmp.choose_period(pd.Series(pd.date_range(start, end, periods=n))) == expected


def test_unknown_column_and_period_are_one_clear_error():
    with pytest.raises(InputError, match="no such column"):
        cmp.article_groups(ARTICLES, by="leaning")
    with pytest.raises(InputError, match="period must be one of"):
        cmp.article_groups(ARTICLES, period="fortnight")


def test_attention_by_outlet_is_hand_counted(groups):
    att = cmp.attention(groups, MENTIONS, keys=["outlet"]).set_index(["outlet", "actor_id"])
    alpha_kim = att.loc[("Alpha", "kim")]
    assert (alpha_kim["articles"], alpha_kim["articles_mentioning"], alpha_kim["mentions"]) == (3, 2, 3)
    assert alpha_kim["share"] == pytest.approx(2 / 3)
    assert alpha_kim["per_1000_words"] == pytest.approx(1000 * 3 / 12)
    beta_lee = att.loc[("Beta", "lee")]
    assert (beta_lee["articles"], beta_lee["articles_mentioning"], beta_lee["mentions"]) == (2, 1, 3)
    # Wilson 95 % interval of 1 of 2, by hand: centre (0.5 + 1.92/2) / 1.96 ... = 0.5 ± 0.4056
    assert (beta_lee["ci_low"], beta_lee["ci_high"]) == pytest.approx((0.0945, 0.9055), abs=1e-4)
    assert att.loc[(cmp.MISSING, "kim"), "articles_mentioning"] == 0  # b3 has no outlet and no mention: kept
    assert len(att) == 3 * 2  # every group x actor, zeros included


def test_attention_over_time_leaves_out_undated_articles(groups):
    att = cmp.attention(groups, MENTIONS, keys=["period"], items=["kim"])
    assert att["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert att["articles"].tolist() == [2, 2, 1]
    assert att["articles_mentioning"].tolist() == [1, 2, 0]
    assert att["articles"].sum() == len(ARTICLES) - groups.attrs["undated"]


@pytest.mark.parametrize("k, n, low, high", [(2, 4, 0.1500, 0.8500), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0),
                                             (56, 70, 0.6918, 0.8770)])
def test_wilson_interval_known_values(k, n, low, high):
    got = cmp.wilson(k, n)
    assert (float(got[0]), float(got[1])) == pytest.approx((low, high), abs=1e-4)


def test_newcombe_interval_matches_the_published_example():
    # Newcombe (1998), Statistics in Medicine 17:873, table II example (a): 56/70 - 48/80 -> 0.0524 to 0.3339
    low, high = cmp.newcombe(56, 70, 48, 80)
    assert (float(low), float(high)) == pytest.approx((0.0524, 0.3339), abs=1e-4)


EVIDENCE = pd.DataFrame({
    "doc_id": ["a1", "a2", "a3", "b1", "b1", "b2", "a1", "b2"],
    "actor_id": ["kim", "kim", "kim", "kim", "kim", "kim", "lee", "lee"],
    "kind": ["portrayal"] * 6 + ["voice", "voice"],
    "score": [0.5, 0.3, 0.1, -0.2, -0.4, -0.3, 0.6, 0.2],
    "text": ["s1", "s2", "s3", "s4", "s5", "s6", "q1", "q2"],
})


def test_tone_by_group_is_tone_summary_of_the_groups_units(groups):
    got = cmp.tone_by_group(EVIDENCE, groups, keys=["outlet"], min_units=3, n_boot=500, seed=3)
    alpha = got[(got["outlet"] == "Alpha") & (got["actor_id"] == "kim")].iloc[0]
    direct = tone_summary(EVIDENCE[EVIDENCE["doc_id"].isin(["a1", "a2", "a3"]) & (EVIDENCE["kind"] == "portrayal")],
                          n_boot=500, seed=3).iloc[0]
    for column in ["n", "mean", "ci_low", "ci_high", "share_positive"]:
        assert alpha[column] == pytest.approx(direct[column])  # one number, one interval everywhere
    assert (alpha["n"], round(alpha["mean"], 6)) == (3, 0.3)
    assert got.set_index(["outlet", "actor_id", "kind"])["small"].to_dict() == {
        ("Alpha", "kim", "portrayal"): False, ("Alpha", "lee", "voice"): True,
        ("Beta", "kim", "portrayal"): False, ("Beta", "lee", "voice"): True}


def test_tone_difference_counts_comparisons_and_flags_small_groups(groups):
    two = pd.concat([EVIDENCE, EVIDENCE.assign(actor_id="mo", doc_id=["a1", "b1"] * 4)])
    diff = cmp.tone_difference(two, groups, column="outlet", a="Alpha", b="Beta", min_units=3, n_boot=500)
    kim = diff.set_index("actor_id").loc["kim"]
    assert (kim["n_a"], kim["n_b"]) == (3, 3)
    assert kim["difference"] == pytest.approx(0.3 - (-0.3))
    assert kim["ci_low"] <= kim["difference"] <= kim["ci_high"]
    assert kim["adj_low"] <= kim["ci_low"] and kim["adj_high"] >= kim["ci_high"]
    assert kim["rank"] == 1 and not kim["small"]
    mo = diff.set_index("actor_id").loc["mo"]
    assert (mo["n_a"], mo["n_b"]) == (3, 3)  # mo: a1 holds s1, s3, s5 (portrayal), b1 s2, s4, s6
    assert diff.attrs["comparisons"] == 2 and diff.attrs["adjusted_ci"] == pytest.approx(0.975)


def test_tone_difference_of_constant_scores_has_a_zero_width_interval(groups):
    ev = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2"], "actor_id": ["kim"] * 4, "kind": ["portrayal"] * 4,
                       "score": [0.4, 0.4, -0.1, -0.1]})
    row = cmp.tone_difference(ev, groups, column="outlet", a="Alpha", b="Beta", min_units=2).iloc[0]
    assert (row["difference"], row["ci_low"], row["ci_high"]) == pytest.approx((0.5, 0.5, 0.5))


def test_small_groups_are_not_ranked(groups):
    diff = cmp.tone_difference(EVIDENCE, groups, column="outlet", a="Alpha", b="Beta", min_units=4)
    assert diff["small"].all() and diff["rank"].isna().all() and diff.attrs["comparisons"] == 0
    assert not diff["excludes_zero"].any()


def test_share_difference_uses_newcombe_and_bonferroni():
    table = pd.DataFrame({"side": ["l", "r", "l", "r"], "actor_id": ["kim", "kim", "lee", "lee"],
                          "k": [56, 48, 1, 0], "n": [70, 80, 4, 3]})
    diff = cmp.share_difference(table, column="side", a="l", b="r", item="actor_id", count="k", total="n")
    kim = diff.set_index("actor_id").loc["kim"]
    assert (kim["difference"], kim["ci_low"], kim["ci_high"]) == pytest.approx((0.2, 0.0524, 0.3339), abs=1e-4)
    assert diff.attrs["comparisons"] == 1  # lee's groups (4 and 3 articles) are below min_total
    assert bool(diff.set_index("actor_id").loc["lee", "small"])


def test_comparing_a_group_with_itself_or_an_unknown_group_is_an_error(groups):
    with pytest.raises(InputError, match="must differ"):
        cmp.tone_difference(EVIDENCE, groups, column="outlet", a="Alpha", b="Alpha")
    with pytest.raises(InputError, match="not a value of outlet"):
        cmp.tone_difference(EVIDENCE, groups, column="outlet", a="Alpha", b="Gamma")


def test_topic_share_and_voice_are_hand_counted(groups):
    sentences = pd.DataFrame({"doc_id": ["a1", "a1", "a2", "b1", "b1", "b1", "b3"], "sent_id": [0, 1, 0, 0, 1, 2, 0]})
    hits = pd.DataFrame({"doc_id": ["a1", "a1", "b1", "b3"], "sent_id": [0, 0, 2, 0], "topic": ["war"] * 4})
    share = cmp.topic_share(groups, hits, sentences, keys=["period"]).set_index("period")
    assert share["sentences"].to_dict() == {"2024-01": 3, "2024-02": 3}  # b3 is undated: not in the timeline
    assert share["sentences_with_topic"].to_dict() == {"2024-01": 1, "2024-02": 1}
    voice = cmp.voice_by_group(EVIDENCE, groups, keys=["outlet"]).set_index(["outlet", "actor_id"])
    assert voice.loc[("Alpha", "lee"), ["quotes", "group_quotes", "share"]].tolist() == [1, 1, 1.0]


def test_keyness_matches_distinctive_terms_and_compares_two_groups():
    texts = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2", "c1"],
                          "text": ["Tariffs hit steel. Tariffs again, tariffs.", "Steel tariffs rose.",
                                   "Voters met. Voters voted for the budget.", "The budget passed, voters cheered.",
                                   "Budget budget budget tariffs."]})
    g = pd.DataFrame({"doc_id": texts["doc_id"], "side": ["l", "l", "r", "r", "c"]})
    got = cmp.keyness(cmp.term_counts(texts), g, column="side", top=5, min_count=2)
    want = distinctive_terms(texts.merge(g), by="side", top=5, min_count=2)
    columns = ["side", "rank", "term", "count", "count_rest", "score", "log_ratio"]
    assert got[columns].equals(want[columns])
    pair = cmp.keyness(cmp.term_counts(texts), g, column="side", a="l", b="r", top=3, min_count=2)
    assert set(pair["side"]) == {"l", "r"} and pair.loc[pair["side"] == "l", "term"].iloc[0] == "tariffs"
    assert math.isclose(pair["p_value"].iloc[0], cmp.g2_p_value(pair["score"].iloc[0]))
    with pytest.raises(InputError, match="needs at least 2"):
        cmp.keyness(cmp.term_counts(texts), g.assign(side="x"), column="side")


def test_comparisons_possible_says_why_not():
    undated = cmp.article_groups(ARTICLES.assign(date="", outlet="Alpha"), by=["outlet"], period="auto")
    table = cmp.comparisons_possible(undated, by=["outlet"], min_articles=1).set_index("comparison")
    assert not table.loc["over time", "possible"]
    assert table.loc["over time", "detail"].startswith("no article has a readable date; 6 undated")
    assert table.loc["by outlet", "detail"] == "every article with a value has the same outlet ('Alpha')"
    full = cmp.comparisons_possible(cmp.article_groups(ARTICLES, by="outlet", period="month"), by="outlet",
                                    min_articles=2).set_index("comparison")
    assert full["possible"].tolist() == [True, True]
    assert full.loc["over time", "groups"] == 2  # January and February have 2 articles; March 1
    thin = cmp.comparisons_possible(cmp.article_groups(ARTICLES, by="outlet"), by="outlet", min_articles=3)
    assert thin["detail"].iloc[0] == "only 1 of 2 values of outlet have at least 3 articles"


def test_cell_evidence_lists_the_units_behind_a_cell(groups):
    got = cmp.cell_evidence(EVIDENCE, groups, column="outlet", value="Beta", actor="kim", rows=1)
    assert got["text"].tolist() == ["s5", "s4"]
    assert np.all(got["doc_id"].isin(["b1", "b2"]))


# ---------------------------------------------------------------- notebook 04 on thin metadata
NOTEBOOK = paths.NOTEBOOKS / "04_coverage_by_outlet_and_time.ipynb"
TEXTS = [
    "Donald Trump met Vladimir Putin in Riyadh on Monday. Trump praised the talks as constructive and useful.",
    "Putin rejected the ceasefire plan. Critics slammed Putin over the deadly attacks on Kyiv.",
    "Volodymyr Zelensky said Ukraine would not give up territory. Trump called Zelensky a brave leader.",
    "The sanctions on Russia will stay, Trump said. Putin warned of a long war.",
]


@pytest.mark.notebook
def test_notebook_renders_undated_single_outlet_corpus_with_the_explanation(tmp_path):
    corpus = tmp_path / "thin.csv"
    pd.DataFrame({"doc_id": [f"t{i}" for i in range(4)], "date": ["", "", "not a date", ""],
                  "outlet": ["Daily Planet"] * 4, "text": TEXTS}).to_csv(corpus, index=False)
    out = tmp_path / "out"
    params = {NOTEBOOK: {"corpus": str(corpus), "min_articles": 1}}
    result = report.run_all([NOTEBOOK], params, out, jobs=1, progress=False)[0]
    assert result.status == "ok", result.error
    possible = pd.read_csv(out / NOTEBOOK.stem / "comparisons_possible.csv").set_index("comparison")
    assert possible.loc["over time", "detail"] == (
        "no article has a readable date; 4 undated article(s) are counted but left out of timelines")
    assert possible.loc["by outlet", "detail"] == "every article with a value has the same outlet ('Daily Planet')"
    html = (out / f"{NOTEBOOK.stem}.html").read_text(encoding="utf-8")
    assert "Not possible — over time: no article has a readable date" in html
    assert "Not possible — by outlet: every article with a value has the same outlet" in html
    assert html.count('src="data:image/png;base64') == 1  # the metadata chart only: no empty timeline or heat map
    executed = nbformat.read(str(out / f"{NOTEBOOK.stem}.ipynb"), as_version=4)
    assert not [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.notebook
def test_notebook_compares_outlets_and_months_with_hand_counted_attention(tmp_path):
    corpus = tmp_path / "two_outlets.csv"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
                  "date": [f"2024-0{1 + i % 2}-1{i}" for i in range(8)],
                  "outlet": ["Alpha"] * 5 + ["Beta"] * 3,
                  "text": [f"{TEXTS[i % 4]} This is report number {i}." for i in range(8)]}).to_csv(corpus, index=False)
    out = tmp_path / "out"
    params = {NOTEBOOK: {"corpus": str(corpus), "min_articles": 1, "min_units": 1, "follow_actors": "trump,putin",
                         "actors": str(paths.ACTORS)}}  # given: the hand counts are for the bundled table's actors
    result = report.run_all([NOTEBOOK], params, out, jobs=1, progress=False)[0]
    assert result.status == "ok", result.error
    tables = out / NOTEBOOK.stem
    assert pd.read_csv(tables / "comparisons_possible.csv")["possible"].all()
    attention = pd.read_csv(tables / "attention_by_outlet.csv").set_index(["outlet", "actor_id"])
    # Trump is named in texts 0, 2 and 3: articles d0, d2, d3, d4 (Alpha, of 5) and d6, d7 (Beta, of 3)
    assert attention.loc[("Alpha", "trump"), ["articles", "articles_mentioning"]].tolist() == [5, 4]
    assert attention.loc[("Beta", "trump"), ["articles", "articles_mentioning"]].tolist() == [3, 2]
    low, high = cmp.wilson(4, 5)
    assert attention.loc[("Alpha", "trump"), ["ci_low", "ci_high"]].tolist() == pytest.approx([float(low), float(high)])
    by_month = pd.read_csv(tables / "attention_by_period.csv").set_index(["period", "actor_id"])
    assert by_month.loc[("2024-01", "trump"), "articles"] == 4  # d0, d2, d4, d6
    html = (out / f"{NOTEBOOK.stem}.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64') >= 6  # timelines, heat maps, dumbbell, topics
    assert "Not possible" not in html


def test_heat_map_writes_n_in_every_cell_and_leaves_small_cells_uncoloured():
    from lib.compare.figures import heatmap_n

    means = pd.DataFrame({"Alpha": [0.2, -0.1], "Beta": [0.05, 0.3]}, index=["kim", "lee"])
    counts = pd.DataFrame({"Alpha": [12, 3], "Beta": [40, 11]}, index=["kim", "lee"])
    fig, ax = heatmap_n(means, counts, min_n=10, title="t")
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["+0.20\nn=12", "+0.05\nn=40", "n=3", "+0.30\nn=11"]
    assert np.ma.is_masked(ax.get_images()[0].get_array()[1, 0])


def test_dumbbell_lists_small_rows_as_small():
    from lib.compare.figures import dumbbell

    g = pd.DataFrame({"doc_id": ["a1", "b1"], "side": ["l", "r"]})
    ev = pd.DataFrame({"doc_id": ["a1", "a1", "b1", "b1", "a1"], "actor_id": ["kim"] * 4 + ["lee"],
                       "kind": ["portrayal"] * 5, "score": [0.5, 0.3, -0.2, -0.4, 0.1]})
    diff = cmp.tone_difference(ev, g, column="side", a="l", b="r", min_units=2, n_boot=200)
    fig, (left, right) = dumbbell(diff, name_a="l", name_b="r", title="t", xlabel="tone")
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert labels == ["lee (n=1/0) small", "kim (n=2/2)"]  # ranked first at the top, small at the bottom


def test_group_intervals_write_n_beside_every_mean():
    from lib.compare.figures import group_intervals

    table = pd.DataFrame({"side": ["l", "r", "l"], "actor_id": ["kim", "kim", "lee"], "mean": [0.1, -0.2, 0.0],
                          "ci_low": [0.0, -0.3, -0.2], "ci_high": [0.2, -0.1, 0.2], "n": [40, 12, 3],
                          "small": [False, False, True]})
    fig, ax = group_intervals(table, column="side", title="t", xlabel="tone")
    assert sorted(t.get_text().strip() for t in ax.texts) == ["n=12", "n=3", "n=40"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kim", "lee"]
