"""Tests for lib.entities: offline rule-based named-entity recognition on news-like sentences we wrote."""

from __future__ import annotations

import pytest

from lib.entities import LABELS, find_entities
from lib.errors import InputError


def spans(text: str) -> dict[str, str]:
    """Surface -> label for every entity found."""
    return {text[a:b]: label for a, b, label in find_entities(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.",
            {"Russian": "MISC", "Vladimir Putin": "PERSON", "U.S.": "LOC", "Steve Witkoff": "PERSON", "Moscow": "LOC"},
        ),
        ("Foreign Minister Sergei Lavrov spoke to reporters in Riyadh.", {"Sergei Lavrov": "PERSON", "Riyadh": "LOC"}),
        ("The Kremlin said the talks would resume.", {"Kremlin": "ORG"}),
        ("However, NATO and the RDIF declined to comment.", {"NATO": "ORG", "RDIF": "ORG"}),
        ("Putin's spokesman Dmitry Peskov rejected the plan.", {"Putin": "PERSON", "Dmitry Peskov": "PERSON"}),
        ("Putin’s envoy arrived on Tuesday.", {"Putin": "PERSON"}),
        ("She studied at the University of Michigan before joining Goldman Sachs.",
         {"University of Michigan": "ORG", "Goldman Sachs": "PERSON"}),
        ("The Department of Health and Human Services issued new guidance.",
         {"Department of Health and Human Services": "ORG"}),
        ("Barges sailed down the Danube River past Budapest.", {"Danube River": "LOC", "Budapest": "LOC"}),
        ("Mr. Zelensky thanked the European Commission.", {"Zelensky": "PERSON", "European Commission": "ORG"}),
        ("Protesters gathered in Denver, Colorado, on Sunday.", {"Denver, Colorado": "LOC"}),
        ("Researchers said the vaccine works.", {}),
        ("In March, prices rose sharply across the country.", {}),
        ("We’re not going anywhere, I said.", {}),
    ],
)
def test_find_entities_news_sentences(text, expected):
    found = spans(text)
    for surface, label in expected.items():
        if surface == "Goldman Sachs":  # a two-word name with no cue: any label, but one span
            assert surface in found
            continue
        assert found.get(surface) == label, (surface, found)
    assert set(found) == set(expected), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence-initial name is kept when the same text uses it as a name elsewhere
        ("Trump's envoy met Putin. Aides to Donald Trump declined to comment.",
         {"Trump": "PERSON", "Putin": "PERSON", "Donald Trump": "PERSON"}),
        # the surname of a full name elsewhere in the text overrides a guess from context
        ("Joe Biden spoke first. Critics of the Biden administration were unmoved.",
         {"Joe Biden": "PERSON", "Biden": "PERSON"}),
        ("Grushko told the Izvestia newspaper that talks would go on.", {"Grushko": "PERSON", "Izvestia": "ORG"}),
        ("Senior Russian officials praised the US-Russia talks.", {"Russian": "MISC", "US-Russia": "MISC"}),
        ("U.S. President Donald Trump spoke to Ukrainian President Volodymyr Zelensky.",
         {"U.S.": "LOC", "Donald Trump": "PERSON", "Ukrainian": "MISC", "Volodymyr Zelensky": "PERSON"}),
        ("Senators Lindsey Graham and Richard Blumenthal visited Kyiv.",
         {"Lindsey Graham": "PERSON", "Richard Blumenthal": "PERSON", "Kyiv": "LOC"}),
        ("MPs and UAVs were discussed in the 5th century BC.", {}),
        ("Fears of World War III grew after the Paris Agreement collapsed.",
         {"World War III": "MISC", "Paris Agreement": "MISC"}),
        ("Amnesty International criticised the Supreme Court ruling.",
         {"Amnesty International": "ORG", "Supreme Court": "ORG"}),
        ("He moved to Los Angeles and later to Eastern Europe.", {"Los Angeles": "LOC", "Eastern Europe": "LOC"}),
        # Title-Case headings: ordinary words are not names, names used elsewhere in the text still are
        ("Putin And Trump To Meet In Alaska As Talks Stall\nDonald Trump said the summit is on.",
         {"Putin": "PERSON", "Trump": "PERSON", "Alaska": "LOC", "Donald Trump": "PERSON"}),
    ],
)
def test_context_and_document_rules(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "word",
    ["The", "However", "But", "Meanwhile", "According", "Officials", "Analysts", "Yesterday", "Several"],
)
def test_sentence_initial_ordinary_words_are_not_names(word):
    text = f"{word} the envoy met Volodymyr Zelensky in Kyiv."
    found = spans(text)
    assert word not in found and not any(s.startswith(word + " ") for s in found), found
    assert found.get("Volodymyr Zelensky") == "PERSON" and found.get("Kyiv") == "LOC"


@pytest.mark.parametrize(
    ("text", "name"),
    [("Witkoff flew to Moscow on Friday.", "Witkoff"), ("“Dmitriev is a pragmatist,” one diplomat said.", "Dmitriev")],
)
def test_unknown_surname_at_sentence_start_is_kept(text, name):
    assert spans(text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["", "   ", "12,500 — 3.4% ... !!", "\n\n", "no capitals at all here."])
def test_no_names(text):
    assert find_entities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.",
        "HomeWorldEurope\nTop Russian official Dmitriev sees “positive dynamic” in US-Russia relations",
        "O'Brien & Sons Ltd. sued AT&T in the U.K. High Court (London).",
        "Ça va? Ÿ 'quoted' ‘single’ “double” — dash.",
    ],
)
def test_spans_are_valid_sorted_and_disjoint(text):
    result = find_entities(text)
    prev_end = 0
    for a, b, label in result:
        assert label in LABELS
        assert 0 <= prev_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip() and text[a:b][0].isalnum()
        prev_end = b


def test_long_text_is_consistent_and_offsets_shift():
    sentence = "Ukrainian President Volodymyr Zelensky met Keith Kellogg in Kyiv on Monday. "
    one = find_entities(sentence)
    many = find_entities(sentence * 400)
    assert len(many) == 400 * len(one)
    step = len(sentence)
    assert many[-len(one):] == [(a + 399 * step, b + 399 * step, lab) for a, b, lab in one]


def test_input_must_be_text():
    with pytest.raises(InputError):
        find_entities(None)  # type: ignore[arg-type]


def test_word_lists_are_data_and_an_explicit_lexicon_is_used(tmp_path):
    from lib.entities import LEXICON_PATH, load_lexicon

    text = "Analysts expect Zorblax to grow."
    assert spans(text) == {"Zorblax": "PERSON"}  # an unknown single name with no cue
    extended = tmp_path / "lexicon.txt"
    extended.write_text(LEXICON_PATH.read_text(encoding="utf-8") + "\n[known_orgs]\nzorblax\n", encoding="utf-8")
    custom = load_lexicon(extended)
    assert find_entities(text, lexicon=custom) == [(16, 23, "ORG")]
    assert find_entities(text) == [(16, 23, "PERSON")]  # the shipped lexicon is untouched


def test_actors_reexports_the_same_function():
    import lib.actors

    assert lib.actors.find_entities is find_entities
