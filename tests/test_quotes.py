"""Tests for lib.quotes: quoted spans, speech cues, speakers, fragments and the quotes frame.

Texts are news-like sentences written for these tests; mentions are built by hand (``_mentions``) except in
the bundled-corpus test, which runs the real pipeline (clean -> sentences -> lib.actors.find_mentions).
"""

from __future__ import annotations

import random
import re
import time

import pandas as pd
import pytest

from lib import paths
from lib.errors import InputError
from lib.quotes import (
    QUOTE_COLUMNS,
    attribute,
    find_cues,
    find_quotes,
    is_fragment,
    mask_quotes,
    quote_spans,
    quotes_in_text,
    scan_quotes,
)

# surface -> (actor_id, actor_type, match_kind); a tiny hand-made stand-in for lib.actors.find_mentions
NAMES = {
    "Kirill Dmitriev": ("dmitriev", "PERSON", "alias"),
    "Dmitriev": ("dmitriev", "PERSON", "surname"),
    "Witkoff": ("witkoff", "PERSON", "surname"),
    "Trump": ("trump", "PERSON", "surname"),
    "Putin": ("putin", "PERSON", "surname"),
    "Zelensky": ("zelensky", "PERSON", "surname"),
    "Lavrov": ("lavrov", "PERSON", "surname"),
    "Grushko": ("grushko", "PERSON", "surname"),
    "Dmitry Peskov": ("peskov", "PERSON", "alias"),
    "Peskov": ("peskov", "PERSON", "surname"),
    "Kremlin spokesman": ("peskov", "PERSON", "role"),
    "Kremlin": ("kremlin", "ORG", "alias"),
    "Bloomberg": ("bloomberg", "ORG", "alias"),
    "Fox News": ("fox_news", "ORG", "alias"),
    "NBC": ("nbc_news", "ORG", "alias"),
    "Moscow": ("moscow", "LOC", "alias"),
}
SIDES = {
    "dmitriev": "Russia",
    "putin": "Russia",
    "lavrov": "Russia",
    "grushko": "Russia",
    "peskov": "Russia",
    "kremlin": "Russia",
    "trump": "United States",
    "witkoff": "United States",
    "zelensky": "Ukraine",
    "bloomberg": "media",
    "fox_news": "media",
    "nbc_news": "media",
}
ROLES = [("Putin's special envoy", "dmitriev"), ("the Russian leader", "putin")]
# words of a description that fix a side (the side_words column of an actor table)
SIDE_WORDS = {"Russian": "Russia", "Kremlin": "Russia", "Moscow": "Russia", "Ukrainian": "Ukraine",
              "Republican": "United States", "US": "United States", "U.S.": "United States",
              "agency": "media", "newspaper": "media"}


def _mentions(text: str, names: dict = NAMES) -> list[tuple[int, int, str, str, str]]:
    """Longest-first, non-overlapping matches of the ``names`` surfaces (like an alias matcher would give)."""
    pattern = re.compile("|".join(r"\b" + re.escape(s) + r"\b" for s in sorted(names, key=len, reverse=True)))
    return [(m.start(), m.end(), *names[m.group()]) for m in pattern.finditer(text)]


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


# ---------------------------------------------------------------------------------------------- quote spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we are ready" on Friday.', ["we are ready"]),
        ("“We are ready,” he said.", ["We are ready"]),
        ("“Russia’s work’s been done,” he said.", ["Russia’s work’s been done"]),
        ("Russia’s envoy said the work’s been done; the allies’ view differs.", []),
        ("The plan is ‘dead on arrival’, she said.", ["dead on arrival"]),
        ("‘Kyiv’s plan is fine,’ he said.", ["Kyiv’s plan is fine"]),
        ("The plan is 'dead on arrival', she said, but Moscow's view differs.", ["dead on arrival"]),
        ("“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice"]),
        ("“A “wrongly nested” quote,” she said.", ["A “wrongly nested” quote"]),
        ('A 12" screen and "a deal" were on the table.', ["a deal"]),
        ("He stopped” there and left.", []),
        ("The ‘plan is here.\nAnother paragraph.", []),
        ('Talks were "good" and "useful', ["good", "useful"]),
        ("“We will win, he said.\nNo quote here.", ["We will win, he said."]),
        ("“First part of it.\n“Second part,” he said.", ["First part of it.", "Second part"]),
        ("“Headline quote”\nBody text.", ["Headline quote"]),
        ("", []),
        ("“”", []),
        ('" "', []),
        ("“  spaced out  ”", ["spaced out"]),
        ("“\n”", []),
    ],
)
def test_quote_spans(text, expected):
    assert _quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "same_group"),
    [
        ("“First part of it.\n“Second part,” he said.", True),  # news convention: the quote continues
        ("“First part of it.\nNarration here, “second quote” too.", False),  # closed at the paragraph end
        ("“One,” he said.\n“Two,” she said.", False),
    ],
)
def test_multi_paragraph_groups(text, same_group):
    segments = scan_quotes(text)
    assert len(segments) == 2
    assert (segments[0].group == segments[1].group) is same_group


def test_unclosed_quote_has_no_closing_mark_and_stays_in_its_paragraph():
    text = "Intro line.\nHe said “we will never agree\nNext paragraph “with a quote”."
    first, second = scan_quotes(text)
    assert first.close_mark is None
    assert "\n" not in text[first.start : first.end]
    assert text[second.start : second.end] == "with a quote"


def test_many_random_marks_never_crash_and_stay_linear():
    rng = random.Random(7)
    pieces = ["“", "”", '"', "‘", "’", "'", " word", " Russia’s", ".", ",", "\n", " said Dmitriev", " he said"]
    text = "".join(rng.choice(pieces) for _ in range(60_000))
    started = time.perf_counter()
    segments = scan_quotes(text)
    rows = quotes_in_text(text, mentions=_mentions(text), sides=SIDES)
    elapsed = time.perf_counter() - started
    assert len(rows) == len(segments) > 0
    ends = [0]
    for s in segments:
        assert ends[-1] <= s.open_mark < s.start < s.end <= len(text)
        assert "\n" not in text[s.start : s.end]
        ends.append(s.end)
    assert elapsed < 5.0, f"{len(text)} characters took {elapsed:.1f}s"


def test_mask_keeps_length_and_hides_quoted_words():
    text = "“As our president said, peace is near,” Dmitriev told reporters."
    masked = mask_quotes(text, scan_quotes(text))
    assert len(masked) == len(text)
    assert "president" not in masked and "Dmitriev told" in masked
    assert [c.verb for c in find_cues(masked)] == ["told"]


@pytest.mark.parametrize(
    ("text", "verbs"),
    [
        ("Bloomberg reports that talks continue.", ["reports"]),
        ("The news reports say the member states disagree.", ["say"]),
        ("Officials say the EU member states disagree.", ["say"]),
        ("An added layer of risk, the envoy said.", ["said"]),
        ("He wants to discuss it; according to him it is fine.", ["according to"]),
        ("“It is fine,” reports Bloomberg.", ["reports"]),
    ],
)
def test_find_cues(text, verbs):
    assert [c.verb for c in find_cues(text)] == verbs


# ---------------------------------------------------------------------------------------------- attribution


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("“We will talk again,” Dmitriev said.", ["dmitriev"]),
        ("“We will talk again,” said Dmitriev.", ["dmitriev"]),
        ("Kirill Dmitriev spoke on Thursday.\n“Talks went well,” he said. “We will meet again.”", ["dmitriev"] * 2),
        ("According to Dmitriev, the talks were “very productive and useful”.", ["dmitriev"]),
        ("Grushko also added:\n“We will demand ironclad guarantees.”", ["grushko"]),
        ("Grushko said: “We will demand ironclad guarantees.”", ["grushko"]),
        ("Peace is “absolutely impossible without that,” Putin’s special envoy told Fox News.", ["dmitriev"]),
        ("The Kremlin said the process was “still stretched in time”.", ["kremlin"]),
        ("Bloomberg reports that now “the US is waiting for a reply.”", ["bloomberg"]),
        ("Bloomberg, citing “a person familiar with it,” reports that “the US is waiting.”", ["bloomberg"] * 2),
        ("Trump met Zelensky on Friday. Later, the Republican said he was “very angry about it”.", ["trump"]),
        ("Zelensky met Trump on Friday. Later, the Russian leader said it was “a good day for us”.", ["putin"]),
        ("Trump met Zelensky.\n“The deal is very close,” a person familiar with the talks said.", [None]),
        ("Trump met Zelensky.\n“The deal is very close,” sources said.", [None]),
        ("Trump spoke on Air Force One.\n“President Putin is ready to talk,” he said.", ["trump"]),
        ("“We are ready to talk.\n“But not at any price,” Lavrov said.", ["lavrov", "lavrov"]),
        ("“As our president said, peace is near,” Dmitriev told reporters.", ["dmitriev"]),
        ("Putin insisted on “the demilitarization of Ukraine,” while Lavrov had “categorically” objected.",
         ["putin", "lavrov"]),
        ("Dmitriev claimed the talks had a “very positive outcome for all” and suggested the Kremlin may agree.",
         ["dmitriev"]),
        ("He said Moscow insists on a long-term solution – “this is what is needed.”", [None]),
        ("Dmitriev spoke. He said Moscow insists on a long-term solution – “this is what is needed.”", ["dmitriev"]),
        ("Kremlin spokesman Dmitry Peskov stated that NATO was “among the root causes”.", ["peskov"]),
        ("Trump met Zelensky. In an interview with NBC, the Republican said it was “a very bad idea”.", ["trump"]),
        ("The word “détente” is back in fashion among diplomats.", [None]),
        ("“We are ready,” he said.", [None]),
        ("“We are ready,” they said.", [None]),
        ("Lavrov: “We are ready for talks”\nBody text follows.", ["lavrov"]),
        ("“Nothing is agreed yet,” the Kremlin spokesman said.", ["peskov"]),
        ("Peskov met Lavrov.\n“Nothing is agreed yet,” the official said.", ["lavrov"]),
        ("Peskov met Trump.\n“Nothing is agreed yet,” the Russian official said.", ["peskov"]),
        ("“Why would we agree to that?” Lavrov asked.", ["lavrov"]),
        ("“We are ready,” Peskov told reporters, adding that “nothing is agreed yet.”", ["peskov", "peskov"]),
        ("“The talks were useful,” according to Bloomberg.", ["bloomberg"]),
        ("“We are ready to talk,” Lavrov said.\n“Nobody doubts that.”", ["lavrov", "lavrov"]),
        ("“We are ready to talk,” Lavrov said.\nPeskov spoke later.\n“Nobody doubts that.”", ["lavrov", None]),
        ("“We are ready to talk,” Putin’s special envoy told Fox News.\n“It went well,” he said.",
         ["dmitriev", "dmitriev"]),
        ("“We will win,” Lavrov said. “We always do.\n“And we will again.”", ["lavrov"] * 3),
    ],
)  # fmt: skip
def test_attribution(text, speakers):
    segments = scan_quotes(text)
    got = attribute(text, segments, mentions=_mentions(text), sides=SIDES, roles=ROLES, side_words=SIDE_WORDS)
    assert [speaker for speaker, _ in got] == speakers


def test_role_mention_from_the_matcher_is_used_directly():
    text = "Peace is “absolutely impossible without that,” Putin’s special envoy told Fox News."
    start = text.index("Putin’s special envoy")
    mentions = [(start, start + len("Putin’s special envoy"), "dmitriev", "PERSON", "role")]
    assert attribute(text, scan_quotes(text), mentions=mentions) == [("dmitriev", "told")]


def test_continued_quote_has_same_speaker_but_no_cue_of_its_own():
    text = "“Talks went well,” Dmitriev said. “We will meet again.”"
    assert attribute(text, scan_quotes(text), mentions=_mentions(text)) == [("dmitriev", "said"), ("dmitriev", None)]


# ------------------------------------------------------------------------------------------------ fragments


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("He ruled it out as “not at all possible”.", None, True),
        ("He ruled it out as “not at all possible.”", None, True),
        ("“Some guarantees may be acceptable,” he said.", "said", False),
        ("Dmitriev said, “Trump wants Ukraine to be strong.”", "said", False),
        ("Dmitriev said the guarantees “may be acceptable to us” in some form.", "said", True),
        ("Putin said the troops had been “isolated.”", "said", True),
        ("He said Moscow insists – “this is what is needed.”", "said", False),
        ("The envoy said Russia “has a kind of global security concern.”", "said", False),
    ],
)
def test_is_fragment(text, cue, expected):
    (segment,) = scan_quotes(text)
    assert is_fragment(text, segment, cue_verb=cue) is expected


# ---------------------------------------------------------------------------------------------------- frame


def _articles(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def _mention_frame(articles: pd.DataFrame) -> pd.DataFrame:
    rows = [
        (doc_id, 0, s, e, text[s:e], actor, kind_type, kind)
        for doc_id, text in zip(articles["doc_id"], articles["text"])
        for s, e, actor, kind_type, kind in _mentions(text)
    ]
    columns = ["doc_id", "sent_id", "start", "end", "surface", "actor_id", "actor_type", "match_kind"]
    return pd.DataFrame(rows, columns=columns)


def test_find_quotes_frame_shape_and_offsets():
    articles = _articles(
        "“We are ready to talk,” Lavrov said.\nTrump called it “a good start.”",
        "",
        "No quotes here, Dmitriev said.",
        "Putin’s “red lines” were “not negotiable,” the Kremlin said.",
    )
    quotes = find_quotes(articles, None, _mention_frame(articles), None)
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert quotes["is_fragment"].dtype == bool
    texts = dict(zip(articles["doc_id"], articles["text"]))
    for row in quotes.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    assert quotes.groupby("doc_id").size().to_dict() == {"d0": 2, "d3": 2}
    assert quotes["speaker_actor_id"].tolist() == ["lavrov", "trump", "kremlin", "kremlin"]


def test_find_quotes_unknown_speaker_is_none_not_nan():
    quotes = find_quotes(_articles("“We are ready,” a source said."))
    assert quotes["speaker_actor_id"].tolist() == [None]


def test_find_quotes_mentions_do_not_leak_between_articles():
    articles = _articles("Dmitriev arrived.", "“We are ready,” he said.")
    quotes = find_quotes(articles, None, _mention_frame(articles), None)
    assert quotes["speaker_actor_id"].tolist() == [None]


def test_find_quotes_uses_actor_roles_and_sides():
    articles = _articles("Talks are “absolutely impossible now,” Putin’s special envoy told reporters.")
    actors = pd.DataFrame(
        {"actor_id": ["dmitriev", "putin"], "name": ["Kirill Dmitriev", "Vladimir Putin"], "type": ["PERSON"] * 2,
         "side": ["Russia", "Russia"], "aliases": ["Dmitriev", "Putin"], "roles": ["Putin's special envoy", ""]}
    )
    quotes = find_quotes(articles, None, _mention_frame(articles), actors)
    assert quotes["speaker_actor_id"].tolist() == ["dmitriev"]


def test_find_quotes_empty_inputs():
    empty = find_quotes(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(empty.columns) == QUOTE_COLUMNS and empty.empty


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"articles": pd.DataFrame({"doc_id": ["d"]})}, "text"),
        ({"articles": _articles("x"), "mentions": pd.DataFrame({"doc_id": ["d0"]})}, "actor_id"),
        ({"articles": _articles("x"), "sentences": "not a frame"}, "sentences"),
        ({"articles": pd.DataFrame({"doc_id": ["d"], "text": [None]})}, "no text"),
    ],
)
def test_find_quotes_input_errors(kwargs, fragment):
    with pytest.raises(InputError, match=fragment):
        find_quotes(**kwargs)


# ------------------------------------------------------------------------------------------ bundled corpus

# Every quotation of four words or more in the five cleaned articles, read and attributed by hand, plus a few
# shorter ones that test a rule (role description, "the Republican", "dragging their feet").
# (doc prefix, first words of the quote, speaker actor_id, is_fragment or None when not checked)
BUNDLED = [
    ("000", "Some security guarantees in some form", "dmitriev", False),
    ("000", "not at all possible", "dmitriev", True),
    ("000", "dragging their feet", "trump", True),
    ("001", "a person familiar with the talks", "bloomberg", True),
    ("001", "the US is waiting for Dmitriev", "bloomberg", None),
    ("001", "For the last two days", "dmitriev", False),
    ("001", "We are having productive discussions", "dmitriev", False),
    ("001", "I think there is an understanding", "dmitriev", False),
    ("001", "this is what is needed", "dmitriev", False),
    ("001", "may be acceptable", "dmitriev", True),
    ("001", "absolutely impossible", "dmitriev", True),
    ("001", "I believe that Ukraine’s accession", "dmitriev", False),
    ("001", "Trump wants Ukraine to be strong", "dmitriev", False),
    ("001", "sees its task as ensuring", "dmitriev", None),
    ("001", "has a kind of global security concern", "dmitriev", None),
    ("001", "There are a lot of false", "dmitriev", False),
    ("001", "Many Russians believe", "dmitriev", False),
    ("001", "have a huge opportunity", "dmitriev", None),
    ("001", "I believe that sanctions can be lifted", "dmitriev", False),
    ("001", "have taken three steps forward", "dmitriev", None),
    ("001", "We made three steps forward", "dmitriev", False),
    ("001", "speak the same language", "dmitriev", True),
    ("001", "a number of more meetings", "dmitriev", True),
    ("001", "in various other sectors", "dmitriev", None),
    ("001", "Both sides would prefer", "dmitriev", False),
    ("001", "wants to make a deal", "trump", True),
    ("001", "And I believe that President Putin", "trump", False),
    ("001", "very angry", "trump", True),
    ("001", "it is a process", "kremlin", False),
    ("002", "dragging their feet", "trump", True),
    ("003", "We will demand that ironclad", "grushko", False),
    ("003", "A lot of work’s been done", "trump", False),
    ("004", "We recognize that a peace agreement", "grushko", False),
    ("004", "If you carefully analyze", "grushko", False),
    ("004", "probably among the root causes", "peskov", None),
    ("004", "in any capacity, under any flag", "lavrov", True),
]


@pytest.fixture(scope="module")
def bundled_quotes(bundled_articles, bundled_sentences):
    from lib.actors import find_mentions, load_actors

    articles, _audit = bundled_articles
    actors = load_actors(paths.ACTORS)
    mentions = find_mentions(bundled_sentences, actors)
    return articles, find_quotes(articles, bundled_sentences, mentions, actors)


@pytest.mark.parametrize(("doc", "first_words", "speaker", "fragment"), BUNDLED)
def test_bundled_corpus_quote_found_and_attributed(bundled_quotes, doc, first_words, speaker, fragment):
    _articles_, quotes = bundled_quotes
    hits = quotes[quotes["doc_id"].str.startswith(doc) & quotes["text"].str.startswith(first_words)]
    assert len(hits) == 1, f"{doc} “{first_words}…” found {len(hits)} times"
    row = hits.iloc[0]
    assert row["speaker_actor_id"] == speaker
    if fragment is not None:
        assert bool(row["is_fragment"]) is fragment


def test_bundled_corpus_same_with_straight_quote_marks(bundled_quotes, bundled_sentences):
    """Outlets that type straight quotes and apostrophes get the same quotes and speakers."""
    articles, quotes = bundled_quotes
    from lib.actors import find_mentions, load_actors

    actors = load_actors(paths.ACTORS)
    mentions = find_mentions(bundled_sentences, actors)
    straight = articles.assign(text=articles["text"].str.translate(str.maketrans("“”‘’", "\"\"''")))
    again = find_quotes(straight, bundled_sentences, mentions, actors)
    columns = ["doc_id", "start", "end", "speaker_actor_id", "cue_verb", "is_fragment"]
    assert again[columns].astype(str).values.tolist() == quotes[columns].astype(str).values.tolist()


def test_bundled_corpus_has_no_unlisted_long_quotes(bundled_quotes):
    articles, quotes = bundled_quotes
    texts = dict(zip(articles["doc_id"], articles["text"]))
    long = quotes[quotes["text"].str.count(r"\w+") >= 4]
    listed = [(doc, words) for doc, words, _, _ in BUNDLED]
    used = []
    for row in long.itertuples():
        matches = [k for k, (d, w) in enumerate(listed) if row.doc_id.startswith(d) and row.text.startswith(w)]
        assert len(matches) == 1, f"unlisted or ambiguous quote: {row.doc_id} “{row.text}”"
        used += matches
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert texts[row.doc_id][: row.start].rstrip()[-1] in "“\"‘'"
    assert len(used) == len(set(used))


@pytest.mark.parametrize(
    ("side_words", "speaker"),
    [
        ("Ruritanian|Strelsau", "elphberg"),  # "the Ruritanian official": the latest person of that side
        ("", "sapt"),  # no side words: the latest person of any side
    ],
)
def test_side_words_come_from_the_actor_table(side_words, speaker):
    from lib.actors import TABLE_COLUMNS, ActorTable, find_mentions
    from lib.text import sentence_table

    table = ActorTable.from_frame(pd.DataFrame([
        ("elphberg", "Rudolf Elphberg", "PERSON", "Ruritania", "Elphberg", "", side_words),
        ("sapt", "Colonel Sapt", "PERSON", "Zenda", "Sapt", "", ""),
        ("gazette", "Zenda Gazette", "ORG", "press", "Zenda Gazette", "", "newspaper"),
    ], columns=TABLE_COLUMNS))
    articles = _articles("Elphberg met Sapt.\n“Nothing is agreed,” the Ruritanian official said.",
                         "The Zenda Gazette ran it.\n“It is settled,” the newspaper said.")
    sentences = sentence_table(articles)
    quotes = find_quotes(articles, sentences, find_mentions(sentences, table), table)
    assert quotes["speaker_actor_id"].tolist() == [speaker, "gazette"]


def test_find_quotes_unknown_speakers_stay_none_beside_known_ones():
    articles = _articles("“We are ready to talk,” Lavrov said. “We are ready,” a source said.")
    quotes = find_quotes(articles, None, _mention_frame(articles), None)
    assert quotes["speaker_actor_id"].tolist() == ["lavrov", None]
    assert quotes["cue_verb"].tolist() == ["said", "said"]


def test_strategies_are_tried_in_order():
    from lib.quotes import STRATEGIES

    assert [s.__name__ for s in STRATEGIES] == ["colon_line_before", "cue_in_sentence", "heading_colon",
                                                "previous_speaker"]
