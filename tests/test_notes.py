"""lib.notes: facts that fit the corpus, the bundled-story box, one sentence instead of an empty table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib import notes, paths


@pytest.mark.parametrize(("corpus", "bundled"), [
    ("data/corpus", True), (str(paths.CORPUS), True), (str(paths.CORPUS) + "/", True),
    ("/tmp/elsewhere", False), ("data/corpus.csv", False), ("data", False),
])
def test_is_bundled(corpus, bundled):
    assert paths.is_bundled(corpus) is bundled


def test_bundled_box_only_on_the_bundled_corpus_and_visibly_a_box():
    assert notes.bundled_note("Dmitriev met Witkoff.", corpus="/tmp/news") is None
    box = notes.bundled_note("Dmitriev met **Witkoff**.", corpus="data/corpus")
    page = box._repr_html_()
    assert 'class="note-bundled"' in page and "border:" in page and "background:" in page
    assert "On the bundled corpus" in page and "<strong>Witkoff</strong>" in page


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "*bold* [x](javascript:y)", "a_b_c", "# Title"])
def test_escaped_corpus_text_prints_as_written(text):
    page = notes.say(f"Outlet: {notes.escape(text)}.")._repr_html_()
    assert "<script" not in page and "<em>" not in page and "<a " not in page and "<h1" not in page
    assert "javascript:y" not in page or "href" not in page


def test_show_table_gives_a_sentence_instead_of_a_header_only_table():
    empty = notes.show_table(pd.DataFrame(columns=["actor", "n"]), empty="No actor is mentioned: check the table.")
    assert isinstance(empty, notes.Note) and empty.kind == "empty"
    assert "No actor is mentioned" in empty._repr_html_()
    frame = pd.DataFrame({"n": range(5)})
    assert notes.show_table(frame, empty="-", rows=2).equals(frame.head(2))


@pytest.mark.parametrize(("values", "tolerance", "flat"), [
    ([], 0, True), ([np.nan, np.nan], 0, True), (np.zeros((20, 20)), 1e-9, True),
    ([0.04, -0.04], 0.05, True), ([0.04, -0.2], 0.05, False), ([0, 0, 1], 1e-9, False),
    (pd.DataFrame({"a": [0.0, np.nan], "b": [0.0, 0.0]}), 1e-9, True),
])
def test_is_flat(values, tolerance, flat):
    assert notes.is_flat(values, tolerance=tolerance) is flat
