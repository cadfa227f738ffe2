"""The explorer's library: word index and queries, filters, counts, actor and topic views, safe highlighting."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from lib.errors import InputError
from lib.explore import ExplorerData, WordIndex, actor_view, concordance, highlight, hit_counts, select_docs, topic_view

TEXTS = {
    "a": "Talks on a ceasefire began. Negotiators met in Geneva.\nThe ceasefire held.",
    "b": "No talks today. A cease-fire is not a ceasefire, said Smith.",
    "c": "Sports: the match was a draw.",
}


def sentence_frame(texts=TEXTS) -> pd.DataFrame:
    rows = []
    for doc, text in texts.items():
        for i, m in enumerate(re.finditer(r"[^.\n]+[.\n]?", text)):
            rows.append((doc, i, m.start(), m.end(), m.group()))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])


@pytest.fixture(scope="module")
def data():
    articles = pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values()), "outlet": ["X", "Y", "X"],
                             "date": ["2020-01-31", "2020-02-01", ""], "title": ["", "", ""]})
    smith, geneva = TEXTS["b"].index("Smith"), TEXTS["a"].index("Geneva")
    mentions = pd.DataFrame({"doc_id": ["b", "a"], "sent_id": [1, 1], "start": [smith, geneva],
                             "end": [smith + 5, geneva + 6],
                             "actor_id": ["smith", "geneva"], "match_kind": ["alias", "alias"]})
    quotes = pd.DataFrame(columns=["doc_id", "start", "end", "text", "speaker_actor_id", "cue_verb", "is_fragment"])
    return ExplorerData(articles, sentence_frame(), mentions, quotes, names={"smith": "Jo Smith"})


@pytest.mark.parametrize("query, hits", [
    ("ceasefire", [("a", "ceasefire"), ("a", "ceasefire"), ("b", "ceasefire")]),
    ("CEASEFIRE", [("a", "ceasefire"), ("a", "ceasefire"), ("b", "ceasefire")]),
    ("cease-fire", [("b", "cease-fire")]),
    ("negotiat*", [("a", "Negotiators")]),
    ("talk*", [("a", "Talks"), ("b", "talks")]),
    ("ceasefire held", [("a", "ceasefire held")]),
    ("held ceasefire", []),  # a phrase keeps its order
    ("fire", []),  # whole words only
    ("@smith", [("b", "Smith")]),
])
def test_concordance_finds_whole_words_phrases_wildcards_and_actors(data, query, hits):
    lines = data.search(query)
    assert list(zip(lines["doc_id"], lines["match"])) == hits
    assert all(TEXTS[d][a:b] == m for d, a, b, m in zip(lines["doc_id"], lines["start"], lines["end"], lines["match"]))


def test_context_runs_past_the_sentence_and_shows_line_breaks(data):
    line = data.search("held").iloc[0]
    assert line["left"].endswith("in Geneva. / The ceasefire ") and line["right"] == "."


@pytest.mark.parametrize("query", ["", "   ", "a*b", "<script>", "@nobody"])
def test_bad_queries_say_what_is_accepted(data, query):
    with pytest.raises(InputError):
        data.search(query)


def test_index_lookups_agree_with_a_scan_of_every_sentence():
    sentences = sentence_frame()
    index = WordIndex.build(sentences)
    for word in ("ceasefire", "talks", "the", "a"):
        expected = [i for i, t in enumerate(sentences["text"]) if word in re.findall(r"[\w-]+", t.lower())]
        assert index.sentences_for(word).tolist() == expected, word


def test_filters_by_column_and_date_leave_undated_articles_out_of_date_ranges(data):
    assert select_docs(data) == {"a", "b", "c"}
    assert select_docs(data, column="outlet", values=["X"]) == {"a", "c"}
    assert select_docs(data, start="2020-02-01") == {"b"}
    assert select_docs(data, end="2020-01-31") == {"a"}
    assert select_docs(data, column="outlet", values=["X"], start="2020-01-01") == {"a"}
    lines = concordance(data.index, "ceasefire", data.texts, docs=select_docs(data, column="outlet", values=["Y"]))
    assert lines["doc_id"].tolist() == ["b"]


def test_hit_counts_per_article_outlet_and_month(data):
    lines = data.search("ceasefire")
    assert hit_counts(lines, data.articles, by="doc_id").values.tolist() == [["a", 2, 1], ["b", 1, 1]]
    assert hit_counts(lines, data.articles, by="outlet").values.tolist() == [["X", 2, 1], ["Y", 1, 1]]
    assert hit_counts(lines, data.articles, by="month").values.tolist() == [["2020-01", 2, 1], ["2020-02", 1, 1]]


def test_actor_view_respects_the_filter(data):
    view = actor_view(data, "smith")
    assert view["mentions"].values.tolist() == [["b", 1]]
    assert actor_view(data, "smith", docs={"a"})["mentions"].empty


def test_topic_view_lists_sentences_and_terms(bundled_sentences):
    from lib.topics import code_sentences

    hits = code_sentences(bundled_sentences, pd.DataFrame({"topic": ["truce"] * 2, "term": ["ceasefire", "truce"]}))
    articles = pd.DataFrame({"doc_id": bundled_sentences["doc_id"].unique(), "text": ""})
    data = ExplorerData(articles, bundled_sentences, topic_hits=hits)
    view = topic_view(data, "truce")
    assert view["terms"]["hits"].sum() == len(hits) == view["sentences"]["hits"].sum()
    assert view["sentences"]["sentence"].str.contains("⟦").all()


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a & b < c", "\"quoted\" 'single'",
])
def test_highlight_escapes_corpus_text_before_marking_it(text):
    page = highlight(text, [(0, len(text), "hit"), (1, 3, 'x" onclick="alert(1)')], styled=True)
    parser = Tags()
    parser.feed(page)
    assert parser.tags == ["mark"] and set(parser.attrs) == {"class", "style"}
    assert "<script" not in page and "<img" not in page


def test_highlight_keeps_every_character_and_never_nests():
    text = "Putin met Trump in Riyadh"
    page = highlight(text, [(0, 5, "actor"), (3, 9, "hit"), (10, 15, "actor"), (40, 50, "hit")])
    assert page.count("<mark") == 3 and "<mark" not in page.split("</mark>")[0][6:]

    assert re.sub(r"<[^>]+>", "", page) == text


def test_auto_query_prefers_the_most_mentioned_actor_then_a_frequent_content_word():
    from lib.explore import auto_query

    mentions = pd.DataFrame({"actor_id": ["mayor", "council", "mayor"]})
    sentences = pd.DataFrame({"text": ["The river rose; the river flooded homes.", "Homes and the river."]})
    assert auto_query(mentions, sentences) == "@mayor"
    assert auto_query(mentions.iloc[:0], sentences) == "river"
    assert auto_query(mentions.iloc[:0], pd.DataFrame({"text": ["It is so."]})) in {"it", "is", "so"}
    assert auto_query(mentions.iloc[:0], pd.DataFrame({"text": []})) == ""
