"""lib.plots: labelled figures that stay readable however large the corpus."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from lib import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_bar_chart_is_labelled():
    fig, ax = plots.barh(pd.Series({"Putin": 12, "Trump": 9}), title="Mentions", xlabel="mentions (count)",
                         source="Source: test, 2 articles")
    assert ax.get_title(loc="left") == "Mentions"
    assert ax.get_xlabel() == "mentions (count)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Trump", "Putin"]  # largest at the top
    assert any(t.get_text() == "Source: test, 2 articles" for t in fig.texts)


def test_large_tables_keep_the_largest_rows_and_columns_in_order():
    table = pd.DataFrame(np.ones((2000, 3)), index=[f"doc{i:04d}" for i in range(2000)], columns=list("abc"))
    table.iloc[1500] = 50
    fig, ax = plots.heatmap(table, title="Per article")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == plots.MAX_ITEMS and "doc1500" in labels and labels == sorted(labels)
    assert ax.get_title(loc="left") == f"Per article (top {plots.MAX_ITEMS} of 2000 rows)"
    assert fig.get_size_inches()[1] < 20


def test_many_bars_are_capped_with_a_note():
    values = pd.Series(np.arange(100.0), index=[f"actor {i}" for i in range(100)])
    fig, ax = plots.barh(values, title="Mentions", xlabel="count")
    assert len(ax.patches) == plots.MAX_ITEMS
    assert ax.get_title(loc="left") == f"Mentions (top {plots.MAX_ITEMS} of 100)"


def test_repeated_labels_do_not_multiply_rows():
    table = pd.DataFrame(np.ones((3, 500)), columns=["a00"] * 500)
    fig, ax = plots.heatmap(table, title="t")
    assert len(ax.get_xticklabels()) == plots.MAX_ITEMS


@pytest.mark.parametrize(
    ("ids", "expected"),
    [(["000_x1", "001_x2"], ["000", "001"]), (["a0001", "a0002", "a0010"], ["a0001", "a0002", "a0010"]),
     (["doc", "doc"], ["doc", "doc"]), ([], [])],
)
def test_short_labels_stay_distinct(ids, expected):
    assert plots.short_labels(ids) == expected


def test_network_is_drawn_with_labels_and_legend():
    import networkx as nx

    graph = nx.Graph()
    graph.add_node("putin", name="Vladimir Putin", type="PERSON", mentions=10)
    graph.add_node("kremlin", name="the Kremlin", type="ORG", mentions=4)
    graph.add_edge("putin", "kremlin", weight=3)
    fig, ax = plots.network(graph, title="Together")
    labels = {t.get_text() for t in ax.texts}
    assert {"Vladimir Putin", "the Kremlin"} <= labels
    assert ax.get_legend().get_title().get_text() == "actor type"


@pytest.mark.parametrize("label", ["$x$", "cost in $ and $", r"Putin $\frac{1", "a_b^c $"])
def test_labels_from_the_data_are_plain_text_never_mathtext(label):
    import io

    fig, ax = plots.barh(pd.Series({label: 3, "plain": 1}), title=f"Mentions of {label}", xlabel=label,
                         source=f"Source: {label}")
    fig.savefig(io.BytesIO(), format="png")  # mathtext would fail on an unbalanced or invalid "$...$"
    assert label in [t.get_text() for t in ax.get_yticklabels()]
    plt.close(fig)


def _cell_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_tone_heat_map_prints_n_and_greys_small_cells():
    means = pd.DataFrame({"a1": [0.5, -0.9], "a2": [-0.2, np.nan]}, index=["Putin", "Trump"])
    counts = pd.DataFrame({"a1": [6, 1], "a2": [4, np.nan]}, index=["Putin", "Trump"])
    fig, ax = plots.heatmap(means, title="Tone", counts=counts, min_n=3, fmt="{:.2f}", cmap="RdBu")
    texts = _cell_texts(ax)
    assert "0.50\nn=6" in texts and "-0.20\nn=4" in texts
    assert "too few\nn=1" in texts  # Trump's one sentence is not drawn as an extreme -0.90
    assert not any(t.startswith("-0.90") for t in texts)
    assert len(texts) == 3  # the empty cell (no unit at all) stays blank
    colours = ax.get_images()[-1].get_array()
    assert np.ma.is_masked(colours[1, 0]) and not np.ma.is_masked(colours[0, 0])


def test_interval_plot_labels_n_and_leaves_out_small_rows():
    frame = pd.DataFrame({"label": ["A", "B", "C"], "n": [10, 2, 5], "mean": [0.1, 0.95, -0.3],
                          "ci_low": [0.0, 0.9, -0.5], "ci_high": [0.2, 1.0, -0.1]})
    fig, ax = plots.interval_plot(frame, title="Portrayal", xlabel="tone", min_n=3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C (n=5)", "A (n=10)"]
    assert ax.get_title(loc="left") == "Portrayal (1 with n < 3 left out)"
