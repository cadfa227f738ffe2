"""Sentence tone reads news: negotiation topics carry no tone; plain VADER stays available and unchanged."""

import pytest

from lib import sentiment as S
from lib.resources import read_table

TOPIC_WORDS = ["security", "peace", "agreement", "guarantee", "guarantees", "ceasefire", "war", "deal", "talks",
               "treaty", "assurances"]


@pytest.mark.parametrize("word", TOPIC_WORDS)
def test_negotiation_topic_words_carry_no_tone(word):
    assert S.sentence_score(word) == 0.0
    assert S.sentence_score(f"The {word} was discussed on Tuesday.") == 0.0


def test_topic_sentence_is_neutral_where_plain_vader_calls_it_positive():
    text = "Both sides discussed security guarantees, a ceasefire and a peace agreement."
    assert S.sentence_score(text) == 0.0
    assert S.sentence_score(text, vader=S.analyzer()) > 0.8


@pytest.mark.parametrize(
    "text, cls",
    [
        ("We will demand that ironclad security guarantees become part of this agreement.", -1),  # Grushko
        ("Both sides discussed security guarantees, a ceasefire and a peace agreement.", 0),
        ("The war entered its third year.", 0),
        ("The war has killed thousands and displaced millions.", -1),
        ("The ceasefire collapsed amid deadly attacks on the city.", -1),
        ("Critics slammed the senator over the scandal.", -1),
        ("The talks collapsed in bitter recriminations.", -1),
        ("Voters praised the mayor for her honesty.", 1),
        ("The summit ended with a historic peace agreement that both leaders celebrated.", 1),
        ("“It was a great meeting,” the envoy said.", 1),
        ("The delegation arrived in Riyadh on Tuesday.", 0),
    ],
)
def test_fixed_sentences_get_fixed_classes(text, cls):
    score = S.sentence_score(text)
    assert (1 if score > 0.05 else -1 if score < -0.05 else 0) == cls


def test_batch_and_voice_use_the_same_news_analyzer():
    texts = ["Peace talks resumed.", "A great and honest deal.", "The war has killed thousands."]
    assert S.score_texts(texts)["compound"].tolist() == [S.sentence_score(t) for t in texts]
    assert S.tone_analyzer() is S.tone_analyzer()
    assert S.analyzer().lexicon["peace"] == 2.5  # the plain analyzer is untouched


def test_news_tone_resource_has_provenance_and_no_duplicate_of_the_target_lexicon():
    from lib.resources import RESOURCES

    text = (RESOURCES / "news_tone.txt").read_text(encoding="utf-8")
    assert "Provenance" in text and "NewsMTSC" in text
    _, rows = read_table("news_tone.txt")
    words = [w for w, _ in rows]
    assert "__positive_scale__" in words and 0 < S.NEWS_POSITIVE_SCALE <= 1
    assert not [w for w in words if w in S.NEWS_LEXICON and S.NEWS_TONE[w] == S.NEWS_LEXICON[w]]  # no copies


def test_positive_scale_only_shrinks_positive_valences():
    plain = S.analyzer().lexicon
    news = S.load_analyzer(positive_scale=0.5).lexicon
    assert news["good"] == pytest.approx(plain["good"] / 2) and news["bad"] == plain["bad"]
