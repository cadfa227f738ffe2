"""lib.sentiment.rules: NLTK's VADER scores, rule for rule, on sentences written to hit every rule."""

from __future__ import annotations

import random

import pytest
from nltk.sentiment.vader import SentiText

from lib.sentiment import analyzer, news_analyzer, tone_analyzer
from lib.sentiment.rules import Rules, split_words

ANALYZERS = {"plain": analyzer, "news": news_analyzer, "tone": tone_analyzer}

EDGE = [
    "", "a", "a b c", "!!!", "Good.", "GOOD news, bad NEWS", "GOOD BAD", "The food was not very good, but GREAT!",
    "It is kind of good and sort of bad.", "kind of", "This is the shit and the bomb!", "He can cut the mustard.",
    "a kiss of death", "yeah right, sure", "Never so good; never this bad.", "at least good, very least bad, least bad",
    "least good", "good least", "He isn't happy nor hopeful, without hope.", "Good good GOOD good bad BAD",
    "(bad) -good- !!good good!! 'fine' \"nice\" ...great... :( :) <3", "No deal, no peace, no hope??",
    "Really??? Extremely bad!!!!! Hardly ever good?", "but but good but bad", "Good but", "but",
    "They were EXTREMELY happy but VERY sad, really not so very bad.", "U.S. officials said: war, crisis, attack.",
    "Sanctions hit; the ceasefire collapsed and security guarantees failed.", "kill killed killing KILLS",
    "\u201cgreat\u201d", "just enough good, sort of fine, kind-of bad, kinda nice",
]
WORDS = ("good great bad terrible happy sad war peace crisis attack hope fail love hate win lose nice fine kind "
         "sanctions ceasefire security killed agreement").split()
GLUE = ("not never no isn't don't cannot without nor so this very really extremely hardly kind of sort least at but "
        "the a I it shit bomb cut mustard kiss death hand to mouth yeah right bad ass just enough").split()
MARKS = ["", "", "", ",", ".", "!", "?", "...", "(", ")", '"', "'", ":", "-", "!!", "?!?", ";"]


def nltk_scores(vader, text: str) -> tuple[float, float, float, float]:
    s = vader.polarity_scores(text)
    return s["compound"], s["pos"], s["neu"], s["neg"]


def random_sentence(rng: random.Random) -> str:
    tokens = []
    for _ in range(rng.randint(1, 24)):
        word = rng.choice(WORDS if rng.random() < 0.45 else GLUE)
        word = word.upper() if rng.random() < 0.12 else word.capitalize() if rng.random() < 0.1 else word
        before, after = rng.choice(MARKS), rng.choice(MARKS)
        tokens.append(before + word + after if rng.random() < 0.3 else word)
    return " ".join(tokens) + rng.choice(["", ".", "!", "?", "!!", "???"])


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_rules_give_nltk_scores_on_edge_cases(name):
    vader = ANALYZERS[name]()
    rules = Rules(vader)
    assert [rules.scores(t) for t in EDGE] == [nltk_scores(vader, t) for t in EDGE]


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_rules_give_nltk_scores_on_random_sentences(name):
    vader = ANALYZERS[name]()
    rules = Rules(vader)
    rng = random.Random(hash(name) % 1000)
    texts = [random_sentence(rng) for _ in range(3000)]
    assert [rules.scores(t) for t in texts] == [nltk_scores(vader, t) for t in texts]


def test_split_words_is_nltks_word_list():
    vader = analyzer()
    rng = random.Random(3)
    texts = EDGE + [random_sentence(rng) for _ in range(2000)]
    punc = frozenset(vader.constants.PUNC_LIST)
    for text in texts:
        expected = SentiText(text, vader.constants.PUNC_LIST, vader.constants.REGEX_REMOVE_PUNCTUATION)
        assert split_words(text, punc) == expected.words_and_emoticons


def test_long_sentence_with_many_spellings_is_linear():
    vader = analyzer()
    words = [w if k % 3 else w.upper() for k, w in enumerate(["good", "Good", "gOod", "bad", "Bad"] * 2000)]
    text = " ".join(words)
    assert Rules(vader).scores(text) == nltk_scores(vader, text)
