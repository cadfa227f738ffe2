"""lib.text: sentence and word offsets on news-style edge cases."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from lib.text import SENTENCE_COLUMNS, check_resources, sentence_table, split_sentences, tokenize, word_count


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("U.S. President Trump spoke. Putin replied.", ["U.S. President Trump spoke.", "Putin replied."]),
        ("Gen. Smith and Mr. Jones met in Jan. 2025 at 9 a.m. in Kyiv.", None),
        ("He called it “not possible.” Putin disagreed.", ["He called it “not possible.”", "Putin disagreed."]),
        ('"We will win," he said. "Soon."', ['"We will win," he said.', '"Soon."']),
        ("Did they agree? No! Talks go on.", ["Did they agree?", "No!", "Talks go on."]),
        ("Heading without stop\nFirst sentence. Second.", ["Heading without stop", "First sentence.", "Second."]),
        ("The talks were held in the U.A.E. last week.", None),
        ("", []),
        ("   \n \n", []),
    ],
)
def test_split_sentences(text, sentences):
    spans = split_sentences(text)
    got = [text[a:b] for a, b in spans]
    assert got == (sentences if sentences is not None else [text])


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Putin’s envoy", ["Putin’s", "envoy"]),
        ("U.S.-Russia talks", ["U.S.-Russia", "talks"]),
        ("in the U.S. Then", ["in", "the", "U.S.", "Then"]),
        ("a 30-day ceasefire.", ["a", "30-day", "ceasefire"]),
        ("AT&T, $300bn", ["AT&T", "300bn"]),
        ("—  …", []),
    ],
)
def test_tokenize_offsets(text, tokens):
    got = tokenize(text)
    assert [t for _, _, t in got] == tokens
    assert all(text[a:b] == t for a, b, t in got)


def test_word_count_matches_tokens():
    text = "Kirill Dmitriev met Steve Witkoff in Washington."
    assert word_count(text) == len(tokenize(text)) == 7


def test_sentence_table_offsets_point_into_article_text(bundled_articles, bundled_sentences):
    articles, _ = bundled_articles
    texts = dict(zip(articles["doc_id"], articles["text"]))
    assert list(bundled_sentences.columns) == SENTENCE_COLUMNS
    for row in bundled_sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
        assert "\n" not in row.text
    ids = bundled_sentences.groupby("doc_id")["sent_id"].apply(list)
    assert all(v == list(range(len(v))) for v in ids)


def test_sentence_table_of_empty_frame():
    assert sentence_table(pd.DataFrame({"doc_id": [], "text": []})).empty


def test_resource_check_is_fast():
    start = time.perf_counter()
    check_resources()
    assert time.perf_counter() - start < 5  # generous: it must not download or train anything


def test_stopwords_are_available_offline():
    from lib.text import STOPWORDS

    assert {"the", "and", "of"} <= STOPWORDS and "putin" not in STOPWORDS


def test_nltk_imports_without_pulling_in_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; from lib.text import split_sentences; split_sentences('A. B.'); "
            "print('sklearn' in sys.modules, 'scipy.stats' in sys.modules); import sklearn, scipy.stats; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "ok"]
