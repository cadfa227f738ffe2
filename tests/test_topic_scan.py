"""Tests for lib.topics.scan and the fast path of topic coding: the same hits as trying every term everywhere."""

from __future__ import annotations

import random
import re
import sys

import pandas as pd
import pytest

from lib import topics as T
from lib.topics import coding
from lib.topics.lexicon import TERM_SPLIT
from lib.topics.scan import compile_scan, first_word_pattern, fold, literal_key

LEXICON = pd.DataFrame({
    "topic": ["peace", "peace", "peace", "security", "security", "economy", "economy", "drones", "drones", "odd",
              "odd", "odd"],
    "term": ["peace talks", "talk", "ceasefire", "security guarantee", "guarantee", "sanction*", "tariff", "UAV",
             "drone strike", "'til", "U.S.", "AT&T"],
})
WORDS = ("peace talks talk talks talked ceasefire cease-fire security guarantees Security-Guarantee guarantee "
         "sanctions SANCTIONED tariff tariffs UAV UAVs uavs drone strikes Drone-strike 'til ’til U.S. u.s. AT&T "
         "the of a and peaceful securities ſanctions İ Talks. (talks) talks, x_talks 5talks").split()
SEPARATORS = (" ", "  ", "-", " – ", ", ", ". ", "\n", "’", "'", "(", ")", "")


def reference_hits(text: str, lexicon: pd.DataFrame) -> list[tuple[str, str, int, int]]:
    """The definition, spelled out: at every word start, each topic takes its most specific term that matches
    there (followed by a non-word character), unless an earlier hit of that topic still covers the position."""
    names = list(dict.fromkeys(lexicon["topic"]))
    found = []
    for ti, name in enumerate(names):
        terms = lexicon.loc[lexicon["topic"] == name, "term"].tolist()
        order = sorted(terms, key=lambda t: (-len(TERM_SPLIT.split(t.strip())), -len(t.replace("*", "")),
                                             terms.index(t)))
        last_end = -1
        for start in range(len(text)):
            if start < last_end or (start and re.match(r"\w", text[start - 1])):
                continue
            for term in order:
                m = re.compile(rf"(?:{T.term_pattern(term)})(?!\w)", re.IGNORECASE).match(text, start)
                if m:
                    found.append((start, ti, term, m.end()))
                    last_end = m.end()
                    break
    return [(names[ti], term, start, end) for start, ti, term, end in sorted(found)]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 12))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(3))
def test_find_gives_the_hits_of_trying_every_term_at_every_word_start(seed):
    matcher = T.compile_topics(LEXICON)
    for text in random_texts(150, seed):
        assert matcher.find(text) == reference_hits(text, LEXICON), text


def test_fast_and_case_insensitive_scans_agree():
    matcher = T.compile_topics(LEXICON)
    assert matcher.scan_lower is not None
    for text in random_texts(200, 7):
        if fold(text) is not None:
            joined = "\x00" + text
            assert matcher.hits(joined) == matcher.hits(joined, fast=False), text


def test_code_sentences_with_sentences_that_do_not_fold_keeps_sentence_order():
    texts = random_texts(60, 11) + ["ſanctions and peace talks", "İstanbul peace talks", "Talks, UAVs and AT&T"]
    random.Random(3).shuffle(texts)
    sentences = pd.DataFrame({"doc_id": ["d"] * len(texts), "sent_id": range(len(texts)),
                              "start": [1000 * k for k in range(len(texts))], "end": 0, "text": texts})
    hits = T.code_sentences(sentences, LEXICON)
    expected = [(k, topic, term, 1000 * k + start, 1000 * k + end)
                for k, text in enumerate(texts) for topic, term, start, end in reference_hits(text, LEXICON)]
    got = list(zip(hits["sent_id"], hits["topic"].astype(str), hits["term"], hits["start"], hits["end"],
                   strict=True))
    assert got == expected and any(term == "sanction*" and k in (texts.index("ſanctions and peace talks"),)
                                   for k, _, term, _, _ in got)


def test_fold_refuses_characters_that_match_more_than_their_lower_case():
    assert fold("Peace TALKS") == "peace talks"
    assert fold("ſanction") is None and fold("İstanbul") is None and fold("ΣΟΦΙΑ") is None
    assert re.fullmatch("sanction", "ſanction", re.IGNORECASE)  # why: long s matches s case-insensitively


def test_a_lexicon_with_such_characters_has_no_lowered_scan():
    matcher = T.compile_topics(pd.DataFrame({"topic": ["t", "t"], "term": ["ſtrike", "talks"]}))
    assert matcher.scan_lower is None
    assert [h[1] for h in matcher.find("Strike talks")] == ["ſtrike", "talks"]


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="checks CPython's Unicode tables")
def test_lower_case_keeps_word_characters_word_characters():
    """The lowered scan relies on it: ``\\w`` and ``\\W`` mean the same before and after ``str.lower``."""
    word = re.compile(r"\w")
    changed = [c for c in map(chr, range(0x110000)) if len(c.lower()) == 1 and c.lower() != c
               and bool(word.match(c)) != bool(word.match(c.lower()))]
    assert changed == []


def test_literal_key_and_first_word_pattern():
    assert literal_key("UAVs?") == "uav" and literal_key("ab?") == "a" and literal_key(r"\.net") == ""
    assert first_word_pattern("drone strike") == T.term_pattern("drone")
    scan = compile_scan(["drone strike"])
    assert [m.end() for m in scan.finditer("\x00drone, drone strikes")] == [8]


def test_remembered_candidates_are_forgotten_past_the_limit(monkeypatch):
    monkeypatch.setattr(coding, "_REMEMBER", 2)
    matcher = T.compile_topics(LEXICON)
    for text in random_texts(30, 5):
        assert matcher.find(text) == reference_hits(text, LEXICON)
    assert len(matcher._topics_of) <= 3
