"""Tests for lib.topics: the lexicon table, coding, counting, keyness and exploratory topic models."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lib import topics as T
from lib.errors import InputError
from lib.paths import TOPICS

ARTICLE = (
    "Envoys met in Geneva for peace talks on Tuesday.\n"
    "Kyiv wants security guarantees before any ceasefire.\n"
    "Moscow said sanctions relief and lifted tariffs were on the table.\n"
    "The weather in Geneva was mild."
)

LEXICON = pd.DataFrame(
    {
        "topic": ["peace", "peace", "peace", "security", "security", "economy", "economy", "unused"],
        "term": ["peace talks", "talk", "ceasefire", "security guarantee", "guarantee", "sanction*", "tariff",
                 "prisoner*"],
        "description": ["Talks", "", "", "Guarantees", "", "Money", "", "Never matches"],
    }
)


def sentence_frame(text: str, doc_id: str = "d1") -> pd.DataFrame:
    """One sentence per line, with article offsets (test helper; the library uses lib.text)."""
    rows = [(doc_id, i, m.start(), m.end(), m.group()) for i, m in enumerate(re.finditer(r"[^\n]+", text))]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])


def write(tmp_path, content: str):
    path = tmp_path / "topics.csv"
    path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- terms and stemming


@pytest.mark.parametrize(
    ("term", "text", "matches"),
    [
        ("sanction*", "sanctions", True),
        ("sanction*", "sanctioned", True),
        ("sanction*", "sanction", True),
        ("guarantee", "guarantees", True),
        ("guarantee", "guaranteed", True),
        ("guarantee", "guaranteeing", True),
        ("territory", "territories", True),
        ("occupy", "occupied", True),
        ("negotiate", "negotiating", True),
        ("security guarantee", "Security  Guarantees", True),
        ("security guarantee", "security-guarantees", True),
        ("cease-fire", "cease fire", True),
        ("UAV", "UAVs", True),
        ("talk", "talkative", False),
        ("import", "important", False),
        ("Russia's", "Russia’s", True),
        ("US-Russia relation", "US–Russia relations", True),
    ],
)
def test_term_pattern_plurals_inflections_and_wildcards(term, text, matches):
    assert bool(re.fullmatch(T.term_pattern(term), text, re.IGNORECASE)) is matches


@pytest.mark.parametrize("term", ["*", "*peace", "peace (talks)", "a+b", "- -", "''"])
def test_term_pattern_rejects_terms_that_are_not_words(term):
    with pytest.raises(InputError):
        T.term_pattern(term)


# --------------------------------------------------------------------------- loading and validating


def test_bundled_topic_table_loads_with_ten_topics():
    table = T.load_topics(TOPICS)
    assert table.columns.tolist() == T.TOPIC_COLUMNS
    assert len(T.topic_names(table)) == 10
    assert (T.topic_descriptions(table)["description"] != "").all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("\n\n", "empty"),
        ("name,words\npeace,talks\n", "header"),
        ("topic,term,description\n", "no terms"),
        ("topic,term,description\npeace,talks,x\n,ceasefire,\n", "line 3"),
        ("topic,term,description\npeace,,x\n", "term for topic 'peace' is empty"),
        ("topic,term,description\npeace,(talks,x\n", "line 2"),
        ("topic,term,description\npeace,talks,x\npeace,Talks,\n", "repeats topic 'peace'"),
        ("topic,term,description\npeace,talks,x,extra\n", "4 fields"),
        ("topic,term,description\npeace,talks,Talks\npeace,truce,Truces\n", "line 3 gives topic 'peace' a second"),
        ("topic,term,description\npeace,talks,\npeace,truce,A\npeace,accord,B\n", "(it has 'A' at Topic table"),
    ],
)
def test_load_topics_rejects_broken_tables_with_the_line(tmp_path, content, message):
    with pytest.raises(InputError, match=re.escape(message)):
        T.load_topics(write(tmp_path, content))


def test_load_topics_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        T.load_topics(tmp_path / "nope.csv")


def test_load_topics_accepts_bom_blank_lines_and_missing_description(tmp_path):
    table = T.load_topics(write(tmp_path, "\ufefftopic,term\npeace,talks\n\neconomy,sanction*\n"))
    assert table["topic"].tolist() == ["peace", "economy"]
    assert table["description"].tolist() == ["", ""]


def test_same_term_in_two_topics_is_allowed():
    table = T.validate_topics(pd.DataFrame({"topic": ["a", "b"], "term": ["talks", "talks"]}))
    assert len(table) == 2


# --------------------------------------------------------------------------- coding sentences


def test_code_sentences_offsets_point_at_the_matched_words():
    sentences = sentence_frame(ARTICLE)
    hits = T.code_sentences(sentences, LEXICON)
    assert hits.columns.tolist() == T.HIT_COLUMNS
    assert len(hits) > 0
    for hit in hits.itertuples():
        surface = ARTICLE[hit.start:hit.end]
        assert re.fullmatch(T.term_pattern(hit.term), surface, re.IGNORECASE), (hit.term, surface)


@pytest.mark.parametrize(
    ("topic", "expected_terms"),
    [
        ("peace", ["peace talks", "ceasefire"]),  # "talks" inside "peace talks" is not counted twice
        ("security", ["security guarantee"]),
        ("economy", ["sanction*", "tariff"]),
        ("unused", []),
    ],
)
def test_code_sentences_longest_term_wins_within_a_topic(topic, expected_terms):
    hits = T.code_sentences(sentence_frame(ARTICLE), LEXICON)
    assert hits.loc[hits["topic"] == topic, "term"].tolist() == expected_terms


def test_offsets_are_article_offsets_not_sentence_offsets():
    text = "First line here.\nThe truce held."
    hits = T.code_sentences(sentence_frame(text), pd.DataFrame({"topic": ["p"], "term": ["truce"]}))
    assert text[hits.loc[0, "start"]:hits.loc[0, "end"]] == "truce"
    assert hits.loc[0, "sent_id"] == 1


def test_topics_do_not_compete_adding_a_topic_keeps_other_hits():
    sentences = sentence_frame(ARTICLE)
    before = T.code_sentences(sentences, LEXICON)
    extra = pd.concat([LEXICON, pd.DataFrame({"topic": ["talks"], "term": ["peace talks"]})], ignore_index=True)
    after = T.code_sentences(sentences, extra)
    kept = after[after["topic"] != "talks"].assign(topic=lambda f: f["topic"].astype(str)).reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before.assign(topic=before["topic"].astype(str)))
    assert (after["topic"] == "talks").sum() == 1


def test_code_sentences_is_deterministic():
    sentences = sentence_frame(ARTICLE)
    pd.testing.assert_frame_equal(T.code_sentences(sentences, LEXICON), T.code_sentences(sentences, LEXICON))


def test_code_sentences_empty_sentences_give_empty_hits():
    hits = T.code_sentences(sentence_frame(""), LEXICON)
    assert hits.empty and hits.columns.tolist() == T.HIT_COLUMNS


def test_code_sentences_requires_sentence_columns():
    with pytest.raises(InputError, match="lacks column"):
        T.code_sentences(pd.DataFrame({"text": ["peace"]}), LEXICON)


def test_topic_evidence_marks_terms():
    sentences = sentence_frame(ARTICLE)
    evidence = T.topic_evidence(T.code_sentences(sentences, LEXICON), sentences, topic="economy")
    assert evidence["sentence"].tolist() == [
        "Moscow said ⟦sanctions⟧ relief and lifted ⟦tariffs⟧ were on the table."
    ]
    with pytest.raises(InputError, match="Unknown topic"):
        T.topic_evidence(T.code_sentences(sentences, LEXICON), sentences, topic="sport")


# --------------------------------------------------------------------------- counting


def two_articles() -> pd.DataFrame:
    return pd.concat(
        [sentence_frame(ARTICLE, "d1"), sentence_frame("Sanctions bite.\nNothing else happened here today.", "d2")],
        ignore_index=True,
    )


def test_topic_frequency_keeps_topics_without_hits_as_zeros():
    sentences = two_articles()
    freq = T.topic_frequency(T.code_sentences(sentences, LEXICON), sentences)
    assert len(freq) == 2 * len(T.topic_names(LEXICON))
    unused = freq[freq["topic"] == "unused"]
    assert unused[["hits", "per_1000_words", "share_of_sentences"]].to_numpy().sum() == 0


@pytest.mark.parametrize("by", ["doc_id", None])
def test_topic_frequency_normalisations_agree_with_counts(by):
    sentences = two_articles()
    freq = T.topic_frequency(T.code_sentences(sentences, LEXICON), sentences, by=by)
    assert (freq["per_1000_words"] == 1000 * freq["hits"] / freq["words"]).all()
    assert (freq["share_of_sentences"] == freq["sentences_with_topic"] / freq["sentences"]).all()
    assert freq["share_of_sentences"].between(0, 1).all()
    econ = freq[freq["topic"] == "economy"]
    assert econ["hits"].sum() == 3


def test_topic_frequency_by_doc_counts_the_right_article():
    sentences = two_articles()
    freq = T.topic_frequency(T.code_sentences(sentences, LEXICON), sentences).set_index(["doc_id", "topic"])
    assert freq.loc[("d2", "economy"), "hits"] == 1
    assert freq.loc[("d2", "economy"), "share_of_sentences"] == 0.5
    assert freq.loc[("d2", "peace"), "hits"] == 0


def test_topic_frequency_topics_from_plain_hits_and_explicit_table():
    sentences = two_articles()
    hits = T.code_sentences(sentences, LEXICON).assign(topic=lambda f: f["topic"].astype(str))
    assert "unused" not in set(T.topic_frequency(hits, sentences)["topic"])
    assert "unused" in set(T.topic_frequency(hits, sentences, topics=LEXICON)["topic"])


@pytest.mark.parametrize(("value", "column"), [("raw", "hits"), ("per_1000_words", "per_1000_words")])
def test_frequency_column(value, column):
    assert T.frequency_column(value) == column


def test_frequency_column_rejects_unknown():
    with pytest.raises(InputError, match="normalisation"):
        T.frequency_column("percent")


def test_actor_topic_counts_shared_sentences():
    sentences = two_articles()
    hits = T.code_sentences(sentences, LEXICON)
    mentions = pd.DataFrame(
        {"doc_id": ["d1", "d1", "d1", "d2"], "sent_id": [1, 2, 2, 1], "actor_id": ["kyiv", "moscow", "moscow", "x"]}
    )
    table = T.actor_topic(hits, mentions).set_index(["actor_id", "topic"])
    assert table.loc[("kyiv", "security"), "topic_sentences"] == 1
    assert table.loc[("kyiv", "security"), "share"] == 1.0
    assert table.loc[("moscow", "economy"), "hits"] == 2
    assert table.loc[("moscow", "economy"), "actor_sentences"] == 1
    assert table.loc[("x", "economy"), "share"] == 0.0
    assert len(table) == 3 * len(T.topic_names(LEXICON))


# --------------------------------------------------------------------------- keyness and collocations


KEY_SENTENCES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "b", "b", "b"],
        "text": [
            "Sanctions on oil exports hurt the economy.",
            "New sanctions target banks and oil traders.",
            "Officials discussed peace talks.",
            "Troops and peacekeepers may deploy near the border.",
            "Peacekeepers would need troops from many countries.",
            "Officials discussed peace talks.",
        ],
    }
)


@pytest.mark.parametrize("method", ["log-likelihood", "tfidf"])
def test_distinctive_terms_finds_each_articles_own_words(method):
    table = T.distinctive_terms(KEY_SENTENCES, method=method, top=3)
    top_a = table[table["doc_id"] == "a"]["term"].tolist()
    top_b = table[table["doc_id"] == "b"]["term"].tolist()
    assert {"sanctions", "oil"} <= set(top_a)
    assert {"troops", "peacekeepers"} <= set(top_b)
    assert not {"peace", "talks", "officials"} & set(top_a + top_b)
    assert table["rank"].between(1, 3).all()
    pd.testing.assert_frame_equal(table, T.distinctive_terms(KEY_SENTENCES, method=method, top=3))


def test_distinctive_terms_drops_stop_words():
    table = T.distinctive_terms(KEY_SENTENCES, min_count=1, top=50)
    assert not set(table["term"]) & {"the", "and", "on", "from"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"method": "chi2"}, "method"), ({"top": 0}, "top"), ({"by": "outlet"}, "lacks column")],
)
def test_distinctive_terms_rejects_bad_options(kwargs, message):
    with pytest.raises(InputError, match=message):
        T.distinctive_terms(KEY_SENTENCES, **kwargs)


def test_distinctive_terms_needs_two_groups():
    with pytest.raises(InputError, match="compare groups"):
        T.distinctive_terms(KEY_SENTENCES.assign(doc_id="a"))


def test_log_likelihood_is_zero_for_equal_rates_and_grows_with_difference():
    assert T.log_likelihood(5, 5, 100, 100) == pytest.approx(0.0)
    assert T.log_likelihood(20, 5, 100, 100) > T.log_likelihood(10, 5, 100, 100) > 0


def test_collocations_finds_repeated_pairs_within_sentences():
    table = T.collocations(KEY_SENTENCES, top=5)
    assert "peace talks" in table["bigram"].tolist()
    assert (table["count"] >= 2).all()
    per_doc = T.collocations(KEY_SENTENCES, by="doc_id", top=5)
    assert set(per_doc["doc_id"]) <= {"a", "b"}


def test_collocations_rejects_unknown_measure():
    with pytest.raises(InputError, match="measure"):
        T.collocations(KEY_SENTENCES, measure="magic")


# --------------------------------------------------------------------------- unsupervised topics


def model_documents() -> pd.DataFrame:
    energy = ["Oil and gas prices rose as pipelines closed.", "Gas pipelines and oil refineries were hit.",
              "Oil exports and gas supplies fell again."]
    troops = ["Troops and tanks moved to the front.", "More troops and artillery reached the front.",
              "Tanks and artillery shelled the front."]
    texts = (energy + troops) * 2
    return pd.DataFrame({"doc_id": [f"d{i // 3}" for i in range(len(texts))],
                         "sent_id": [i % 3 for i in range(len(texts))], "text": texts})


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_unsupervised_topics_is_deterministic_and_separates_themes(method):
    docs = model_documents()
    first = T.unsupervised_topics(docs, k=2, method=method, top=4)
    second = T.unsupervised_topics(docs, k=2, method=method, top=4)
    pd.testing.assert_frame_equal(first.words, second.words)
    pd.testing.assert_frame_equal(first.doc_topics, second.doc_topics)
    sets = [set(g["word"]) for _, g in first.words.groupby("topic")]
    assert any({"oil", "gas"} <= s for s in sets) and any({"troops", "front"} & s for s in sets)
    sums = first.doc_topics.groupby(["doc_id", "sent_id"])["weight"].sum()
    assert sums.round(4).eq(1.0).all()


@pytest.mark.parametrize(("k", "kwargs"), [(4, {}), (3, {"min_df": 5}), (0, {})])
def test_unsupervised_topics_too_small_corpus_raises_input_error(k, kwargs):
    docs = model_documents().head(6)
    with pytest.raises(InputError):
        T.unsupervised_topics(docs, k=k, **kwargs)


def test_lexicon_vs_unsupervised_has_every_pair():
    docs = model_documents()
    model = T.unsupervised_topics(docs, k=2)
    lexicon = pd.DataFrame({"topic": ["energy", "military", "none"], "term": ["oil", "troop", "prisoner"]})
    hits = T.code_sentences(docs.assign(start=0, end=docs["text"].str.len()), lexicon)
    table = T.lexicon_vs_unsupervised(model.doc_topics, hits, topics=lexicon)
    assert len(table) == 3 * 2
    assert table.groupby("topic")["mean_weight"].max()["energy"] > 0.5
    assert table[table["topic"] == "none"]["mean_weight"].sum() == 0


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("The envoy said the talks went well, officials told reporters.", {"envoy", "talks"}, {"said", "told", "the"}),
    ("Russia’s demands, according to Moscow, were reported late.", {"russia", "demands", "moscow"},
     {"according", "reported", "russia’s"}),
])
def test_content_words_drop_stop_and_reporting_words(text, kept, dropped):
    words = set(T.content_words(text))
    assert kept <= words
    assert not dropped & words


def test_topic_descriptions_use_the_first_non_empty_cell():
    table = T.topic_descriptions(LEXICON)
    assert table.set_index("topic").loc["peace", "description"] == "Talks"
    assert table.set_index("topic").loc["peace", "terms"] == 3
    assert table["topic"].tolist() == ["peace", "security", "economy", "unused"]


def test_one_description_per_topic_on_any_row_or_repeated():
    table = pd.DataFrame({"topic": ["t", "t", "t", "u"], "term": ["a", "b", "c", "d"],
                          "description": ["", "About t", "About t", ""]})
    described = T.topic_descriptions(table).set_index("topic")["description"]
    assert described.to_dict() == {"t": "About t", "u": ""}
    with pytest.raises(InputError, match="row 2 gives topic 't' a second description 'Other'"):
        T.validate_topics(table.assign(description=["", "About t", "Other", ""]))


def test_fisher_collocations_do_not_depend_on_what_was_imported_before_nltk():
    import subprocess
    import sys

    code = ("import pandas as pd; from lib.topics import collocations; "
            "s = pd.DataFrame({'text': ['Security guarantees now.', 'Security guarantees later.', 'Oil prices.']}); "
            "print(collocations(s, top=3, measure='fisher', min_count=1)['bigram'].tolist())")
    same_as_nltk = ("; from nltk.collocations import BigramAssocMeasures as M; from lib.topics.keyness import _fisher; "
                    "print(M.fisher(2, (3, 2), 10) == _fisher(2, (3, 2), 10))")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    scipy_first = subprocess.run([sys.executable, "-c", "import scipy.stats; " + code + same_as_nltk],
                                 capture_output=True, text=True, check=True).stdout.splitlines()
    assert fresh.splitlines() == scipy_first[:1] and "security guarantees" in fresh
    assert scipy_first[1] == "True"  # NLTK's own measure, when it works, gives the same scores
