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
