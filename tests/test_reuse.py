"""lib.reuse: re-worded passages across articles are found; unrelated and same-article pairs are not."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.errors import InputError
from lib.reuse import REUSE_COLUMNS, similar_sentences


def sentences(rows):
    return pd.DataFrame([{"doc_id": d, "sent_id": i, "start": 0, "end": len(t), "text": t} for i, (d, t) in
                         enumerate(rows)])


def test_reworded_quote_is_found_with_its_evidence():
    s = sentences([
        ("a", "Some security guarantees for Ukraine may be acceptable, the envoy told Fox News on Thursday."),
        ("b", "The envoy told Fox News that some security guarantees may be acceptable to Moscow."),
        ("b", "Grain exports through the Black Sea rose sharply in the spring."),
    ])
    found = similar_sentences(s, threshold=0.2)
    assert list(found.columns) == REUSE_COLUMNS
    assert len(found) == 1
    assert (found.loc[0, "doc_a"], found.loc[0, "doc_b"]) == ("a", "b")
    assert "told fox" in found.loc[0, "shared"] and "may be" in found.loc[0, "shared"]


@pytest.mark.parametrize(
    "rows",
    [
        [("a", "The talks in Riyadh ended without any agreement on Tuesday."),
         ("a", "The talks in Riyadh ended without any agreement on Tuesday.")],  # same article
        [("a", "The talks in Riyadh ended without any agreement on Tuesday."),
         ("b", "Farmers in Iowa expect a record harvest of corn this autumn.")],  # unrelated
        [("a", "He said so."), ("b", "He said so.")],  # too short to count
        [("a", "Only one article in this corpus has any sentences at all.")],
    ],
)
def test_no_false_pairs(rows):
    assert similar_sentences(sentences(rows)).empty


def test_threshold_is_checked():
    with pytest.raises(InputError, match="threshold"):
        similar_sentences(sentences([("a", "x")]), threshold=0)


def test_blocks_give_the_same_pairs_as_one_block(bundled_sentences):
    whole = similar_sentences(bundled_sentences, threshold=0.2)
    blocked = similar_sentences(bundled_sentences, threshold=0.2, block=7)
    pd.testing.assert_frame_equal(whole, blocked)
    assert len(whole) >= 4


def test_a_sentence_syndicated_word_for_word_comes_first_and_top_caps_the_output():
    wire = "Negotiators from both countries will meet again in Riyadh next week, officials said."
    rows = [(doc, wire) for doc in "abcd"] + [("a", "The talks in Riyadh covered energy and grain exports.")]
    found = similar_sentences(sentences(rows), top=4)
    assert len(found) == 4
    assert found["similarity"].eq(1.0).all()
    assert list(zip(found["doc_a"], found["doc_b"])) == [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")]
    with pytest.raises(InputError, match="top"):
        similar_sentences(sentences(rows), top=0)
