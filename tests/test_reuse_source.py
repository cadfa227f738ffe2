"""lib.reuse_source: shared passages read part by part from Parquet give the pairs of the whole frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from lib.reuse import similar_sentences, similar_sentences_from_parts
from lib.reuse_source import SentenceSource, normalise, text_hashes
from lib.reuse_vectors import split_words


def write_parts(frame: pd.DataFrame, folder, bounds: list[int]) -> list:
    """``frame`` cut at ``bounds`` into Parquet parts (an empty part included when two bounds are equal)."""
    files = []
    for k, (lo, hi) in enumerate(zip([0, *bounds], [*bounds, len(frame)])):
        files.append(folder / f"part-{k:05d}.parquet")
        frame.iloc[lo:hi].reset_index(drop=True).to_parquet(files[-1], index=False)
    return files


@pytest.mark.parametrize("options", [{"threshold": 0.2, "top": 1000}, {"top": 3}, {"threshold": 0.2, "max_df": 2}])
def test_parts_give_the_pairs_of_the_whole_frame(bundled_sentences, tmp_path, options):
    third = len(bundled_sentences) // 3
    files = write_parts(bundled_sentences, tmp_path, [third, third, 2 * third + 1])
    whole = similar_sentences(bundled_sentences, **options)
    parts = similar_sentences_from_parts(files, **options)
    pd.testing.assert_frame_equal(parts, whole)
    assert len(whole) >= 3


def test_a_frame_is_read_in_slices_with_the_same_result(bundled_sentences, monkeypatch):
    import lib.reuse_source

    whole = similar_sentences(bundled_sentences, threshold=0.2, top=1000)
    monkeypatch.setattr(lib.reuse_source, "PART_ROWS", 37)
    assert SentenceSource.from_frame(bundled_sentences).parts > 3
    pd.testing.assert_frame_equal(similar_sentences(bundled_sentences, threshold=0.2, top=1000), whole)


def test_a_sentence_repeated_across_parts_is_one_distinct_text(tmp_path):
    wire = "Negotiators from both countries will meet again in Riyadh next week, officials said."
    frame = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "sent_id": [0, 1, 0, 0], "start": 0, "end": 9,
                          "text": [wire, "Too short.", wire.upper(), wire]})
    source = SentenceSource.from_parts(write_parts(frame, tmp_path, [2, 3]))
    pool, counted = source.scan(min_words=6)
    assert pool.rows.tolist() == [0, 2, 3] and pool.codes.tolist() == [0, 0, 0]
    assert len(set(pool.docs.tolist())) == 3 and sum(len(c[0]) - 1 for c in counted) == 1
    found = similar_sentences_from_parts(source.files)
    assert list(zip(found["doc_a"], found["doc_b"])) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert found["text_b"].tolist()[0] == wire.upper()  # rows are shown as written


def test_word_counts_match_the_word_regex(bundled_sentences):
    edge = ["well--known", "u.s. and u.k.", "...", "'", "rock'n'roll -- live", "¿qué tal?", "a&b && c", ""]
    texts = normalise(pa.array(bundled_sentences["text"].tolist() + edge, type=pa.large_string()))
    _, _, counts = split_words(texts)
    expected = np.asarray(pc.count_substring_regex(texts, r"[\pL\pN_]+(?:[.'&-][\pL\pN_]+)*"))
    assert (counts == expected).all()


def test_text_hashes_tell_texts_apart(bundled_sentences):
    texts = normalise(pa.array(bundled_sentences["text"], type=pa.large_string()))
    hashes = text_hashes(texts)
    assert len(np.unique(hashes)) == len(pc.unique(texts))
    assert (text_hashes(texts.slice(5, 50)) == hashes[5:55]).all()  # an offset into the buffers
    pair = text_hashes(pa.array(["ab", "ba", "ab", "", "abc"], type=pa.large_string()))
    assert pair[0] == pair[2] and len(set(pair.tolist())) == 4
