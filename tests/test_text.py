"""lib.text: sentence and word offsets on news-style edge cases."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from lib.errors import InputError
from lib.text import (
    ABBREVIATIONS,
    QUOTE_MAP,
    REPORTING_VERBS,
    RESOURCES,
    SENTENCE_COLUMNS,
    WORD_PATTERN,
    abbreviations,
    check_resources,
    reporting_verbs,
    sentence_table,
    split_sentences,
    straighten_quotes,
    tokenize,
    word_count,
    words,
)


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


TRICKY_LINES = [
    "Gen. Smith met J. R. Jones at 9 a.m. on Jan. 5. Talks... went on. he said no. 3. Next!",
    "It rose 3.5 per cent. In 2024. it fell. The U.S. The U.S. economy grew. (So it did.) Yes.",
    "“Done.” He left... Then: “Wait!” she said. Mr. Putin? No. St. Petersburg. e.g. this.",
]


def test_remembered_splitting_gives_punkts_own_spans():
    """The splitter remembers lines and verdicts; the spans stay those of a fresh Punkt with the same settings."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations("sentence"))
    plain = PunktSentenceTokenizer(params)
    text = "\n".join(TRICKY_LINES + [line.upper() for line in TRICKY_LINES] + TRICKY_LINES)
    for _ in range(2):  # the second time from memory
        offset, expected = 0, []
        for line in text.split("\n"):
            expected += [(offset + a, offset + b) for a, b in plain.span_tokenize(line)]
            offset += len(line) + 1
        assert split_sentences(text) == expected


def test_flattened_span_tokenize_matches_punkt_on_random_lines():
    """lib.punkt re-implements Punkt's span_tokenize loops; random lines of tricky tokens split the same."""
    import random

    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from lib.punkt import build_splitter

    params = PunktParameters()
    params.abbrev_types = set(abbreviations("sentence"))
    plain, fast = PunktSentenceTokenizer(params), build_splitter(abbreviations("sentence"))
    tokens = ("Mr.", "U.S.", "3.5", "said.", "“Yes.”", "(So.)", "...", "!", "?", "--", "J.", "Jan.", "it", "The",
              "he", "no.", "5.", "e.g.", "‘a’", '"Go."', ")", "A.", "St.", "well,", "x.y", "..", "?!", "»", "-5.",
              "1,000.", "a.", "É.", "é.", ".5", "—", "(A.", "U.S.-led.", "co-op.", "Gov.", "vs.", ";", ":", ",",
              "Ala.", "1.", "II.", "ß.", "'s", "no", "3rd.")
    rng = random.Random(5)
    for _ in range(6000):
        line = "".join(rng.choice(tokens) + rng.choice((" ", " ", "  ", "\t", "")) for _ in range(rng.randint(1, 14)))
        assert list(fast.span_tokenize(line)) == list(plain.span_tokenize(line)), line


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


def test_words_and_pattern_agree_with_tokenize():
    text = "Putin’s U.S.-backed plan, said Gen. Smith (AT&T) in the U.S. Then 1.5. e.g. x"
    assert words(text) == [t for _, _, t in tokenize(text)] == re.findall(WORD_PATTERN, text)
    assert words(text)[:3] == ["Putin’s", "U.S.-backed", "plan"] and "U.S." in words(text) and "Gen" in words(text)


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


# ---------------------------------------------------------------- the shared vocabulary
@pytest.mark.parametrize(
    ("use", "inside", "outside"),
    [
        ("cue", {"said", "told", "warns"}, {"according", "reporting", "states"}),
        ("cue_after_name", {"reports", "states", "claims"}, {"said", "told"}),
        ("cue_before_subject", {"said", "added", "continued"}, {"told", "say"}),
        ("target_tone", {"said", "according", "states"}, {"stressed", "reporting"}),
        ("ner_person", {"said", "testified", "thought"}, {"say", "according"}),
        ("topic_stop", {"said", "according", "reporting"}, {"warned", "tweeted"}),
    ],
)
def test_reporting_verb_uses_are_subsets_of_the_one_list(use, inside, outside):
    chosen = reporting_verbs(use)
    assert chosen <= REPORTING_VERBS
    assert inside <= chosen and not outside & chosen


@pytest.mark.parametrize(
    ("use", "inside", "outside"),
    [
        ("sentence", {"u.s", "gen", "jan", "e.g", "a.m"}, {"mx", "mt", "ft"}),
        ("ner_token", {"mr", "mx", "corp", "mt"}, {"jan", "u.s", "no"}),
        ("quote_split", {"mr", "gen", "no"}, {"jan", "inc", "mx"}),
    ],
)
def test_abbreviation_uses_are_subsets_of_the_one_list(use, inside, outside):
    chosen = abbreviations(use)
    assert chosen <= ABBREVIATIONS
    assert inside <= chosen and not outside & chosen


def test_vocabulary_entries_are_lower_case_without_a_final_period():
    assert all(w == w.lower() and not w.endswith(".") for w in ABBREVIATIONS | REPORTING_VERBS)
    assert reporting_verbs() == REPORTING_VERBS and abbreviations() == ABBREVIATIONS


def test_unknown_use_is_one_clear_error():
    with pytest.raises(InputError, match="Unknown use 'quote'.*known uses: cue"):
        reporting_verbs("quote")


@pytest.mark.parametrize("name", ["reporting_verbs.txt", "abbreviations.txt"])
def test_word_lists_start_with_a_provenance_header(name):
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "general knowledge" in " ".join(lines[:3])


@pytest.mark.parametrize(
    ("text", "straight"),
    [
        ("“Great,” he said.", '"Great," he said.'),
        ("Russia’s ‘deal’ ‚low‛ 5′ 6″", "Russia's 'deal' 'low' 5' 6\""),
        ("«non» „nein‟ ‹oui›", '"non" "nein" \'oui\''),
        ("plain 'ascii' \"text\"", "plain 'ascii' \"text\""),
    ],
)
def test_straighten_quotes_is_one_character_for_one(text, straight):
    assert straighten_quotes(text) == straight
    assert len(straighten_quotes(text)) == len(text)


def test_quote_map_covers_every_quote_and_prime_and_keeps_lengths():
    import unicodedata

    quotes = [chr(c) for c in range(0x80, 0x3000) if "QUOTATION MARK" in unicodedata.name(chr(c), "")
              and unicodedata.category(chr(c)) in ("Pi", "Pf", "Ps", "Pe", "Po")
              and "HEAVY" not in unicodedata.name(chr(c)) and "ORNAMENT" not in unicodedata.name(chr(c))]
    missing = [q for q in quotes if ord(q) not in QUOTE_MAP]
    assert set(missing) <= {"\u2e42"}, missing  # ⹂ (low reversed double prime): not used in news
    assert all(len(v) == 1 and v in "\"'" for v in QUOTE_MAP.values())
