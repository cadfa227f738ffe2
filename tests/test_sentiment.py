"""Tests for lib.sentiment: offline VADER loading, sentence tone, the fast batch path, target tone and actor tone
tables. Sentences are news-like text written for these tests."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from lib import sentiment as S
from lib.errors import InputError, ResourceMissing


# ---------------------------------------------------------------- loading
def test_lexicon_comes_from_the_vadersentiment_wheel():
    folder = S.lexicon_dir()
    assert (folder / S.LEXICON_FILE).is_file()
    lexicon = S.load_lexicon()
    assert len(lexicon) > 7000
    assert lexicon["war"] < 0 < lexicon["peace"]


def test_missing_lexicon_fails_fast_with_one_clear_message(tmp_path):
    t0 = time.perf_counter()
    with pytest.raises(ResourceMissing, match="pip install -r requirements.txt") as err:
        S.load_analyzer(folder=tmp_path)  # a folder without vader_lexicon.txt
    assert time.perf_counter() - t0 < 1.0
    assert "\n" not in str(err.value)


def test_unparsable_lexicon_raises_resource_missing(tmp_path):
    (tmp_path / S.LEXICON_FILE).write_text("good\n", encoding="utf-8")  # no tab-separated valence
    with pytest.raises(ResourceMissing, match="requirements.txt"):
        S.load_analyzer(folder=tmp_path)


def test_analyzers_are_built_fresh_and_defaults_are_never_modified():
    import nltk

    search_path = list(nltk.data.path)
    plain, news = S.analyzer(), S.news_analyzer()
    assert S.analyzer() is plain and S.news_analyzer() is news  # built once per process
    assert S.load_analyzer() is not plain  # the loader always builds a new one
    assert news.lexicon["warned"] == 0.0 < -plain.lexicon["warned"]  # news adjustments only in the news one
    custom = S.load_analyzer(adjustments={"talks": 3.0})
    assert S.sentence_score("Talks.", vader=custom) > 0 == S.sentence_score("Talks.")
    assert "talks" not in plain.lexicon and "talks" not in S.load_lexicon()
    with pytest.raises(TypeError):
        S.load_lexicon()["talks"] = 1.0  # read-only view
    assert nltk.data.path == search_path  # NLTK's process-wide search path is left alone


# ---------------------------------------------------------------- sentence tone
@pytest.mark.parametrize(
    "text, sign",
    [
        ("The ceasefire collapsed amid deadly attacks on the city.", -1),
        ("Officials described the talks as constructive and positive.", 1),
        ("The delegation arrived in Riyadh on Tuesday.", 0),
        ("“It was a great meeting,” the envoy said.", 1),  # curly quotes do not hide "great"
        ("The war has killed thousands and displaced millions.", -1),
    ],
)
def test_sentence_score_sign(text, sign):
    score = S.sentence_score(text)
    assert -1.0 <= score <= 1.0
    assert np.sign(round(score, 2)) == sign


@pytest.mark.parametrize("text", ["", "   ", "—", "123 456", "!!! ???", "“”", "a", "\n\n"])
def test_texts_without_words_score_zero(text):
    assert S.sentence_score(text) == 0.0


def test_curly_quotes_are_straightened_without_moving_offsets():
    text = "“Great progress” was made, he said of Russia’s ‘offer’."
    assert len(S.prepare(text)) == len(text)
    assert S.sentence_score(text) == S.sentence_score(S.prepare(text)) > 0
    assert S.analyzer().polarity_scores(text)["compound"] == 0  # unstraightened, VADER misses “Great


@pytest.mark.parametrize("bad", [None, 3.5, b"bytes"])
def test_non_string_text_is_an_input_error(bad):
    with pytest.raises(InputError):
        S.sentence_score(bad)


EDGE_TEXTS = [
    "Good news.",
    "",
    "Good news.",  # duplicate: scored once, returned twice
    "He was NOT happy, but the deal is good!!",
    "It isn't a horrible plan, at least not yet.",
    "kind of good, sort of bad",
    "(bad) -good- !!good good!! 'fine'",
    "Never so good; never this bad.",
    "Good good good bad bad.",
    "No deal, no peace, no hope.",
    "Sanctions, war and crisis dominated the summit :(",
    "x" * 3000,
]


def test_score_texts_identical_to_plain_nltk_one_at_a_time():
    vader = S.analyzer()
    got = S.score_texts(EDGE_TEXTS, vader=vader)  # the plain path (the default is the news-aware analyzer)
    assert list(got.columns) == ["compound", "pos", "neu", "neg"]
    for text, row in zip(EDGE_TEXTS, got.itertuples(index=False)):
        ref = vader.polarity_scores(S.prepare(text))
        assert (row.compound, row.pos, row.neu, row.neg) == (ref["compound"], ref["pos"], ref["neu"], ref["neg"])


def test_score_texts_process_pool_gives_the_same_rows():
    texts = EDGE_TEXTS * 3
    one = S.score_texts(texts, workers=1)
    two = S.score_texts(texts, workers=2, min_parallel=1)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("workers", [0, -1, 1.5, "2"])
def test_score_texts_rejects_bad_worker_counts(workers):
    with pytest.raises(InputError, match="workers"):
        S.score_texts(["Good."], workers=workers)


def test_very_long_sentence_is_scored_in_bounded_time():
    text = "The talks were good but the war was terrible. " * 4000  # 36,000 words, no sentence break
    t0 = time.perf_counter()
    compound = S.score_texts([text])["compound"].iloc[0]
    features = S.target_features(text, 0, 3)
    assert time.perf_counter() - t0 < 10
    assert -1.0 <= compound <= 1.0
    assert all(-1.0 <= v <= 1.0 for v in features.values())


def test_score_sentences_keeps_ids_and_order():
    sentences = pd.DataFrame({
        "doc_id": ["b", "a", "a"],
        "sent_id": [0, 1, 0],
        "start": [0, 20, 0],
        "end": [10, 40, 19],
        "text": ["A terrible attack.", "A fine agreement.", "Talks resumed."],
    })
    tones = S.score_sentences(sentences, vader=S.analyzer())  # plain VADER ("agreement" has no news tone)
    assert list(tones.columns) == S.TONE_COLUMNS
    assert tones[["doc_id", "sent_id"]].values.tolist() == [["b", 0], ["a", 1], ["a", 0]]
    assert tones["compound"].iloc[0] < 0 < tones["compound"].iloc[1]
    assert tones["compound"].iloc[2] == 0


@pytest.mark.parametrize(
    "frame, message",
    [
        (pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), "sent_id"),
        (pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": [None]}), "row 0"),
        ("not a frame", "DataFrame"),
    ],
)
def test_score_sentences_input_errors(frame, message):
    with pytest.raises(InputError, match=message):
        S.score_sentences(frame)


# ---------------------------------------------------------------- target tone
def span(text: str, target: str) -> tuple[int, int]:
    start = text.index(target)
    return start, start + len(target)


@pytest.mark.parametrize(
    "text, target, label",
    [
        ("Critics slammed Smith over the corruption scandal.", "Smith", -1),
        ("Voters praised Jones for her honesty and courage.", "Jones", 1),
        ("Smith arrived in Geneva on Tuesday.", "Smith", 0),
        ("The minister said the talks would resume on Monday.", "minister", 0),
        ("Rebels attacked the convoy, killing three soldiers.", "Rebels", -1),
        ("The senator won a landslide victory and thanked her loyal supporters.", "senator", 1),
        ("Protesters denounced the corrupt regime of Smith.", "Smith", -1),
        ("The envoy met Lavrov in Riyadh.", "Lavrov", 0),
    ],
)
@pytest.mark.parametrize("method", S.METHODS)
def test_target_polarity_on_clear_cases(text, target, label, method):
    start, end = span(text, target)
    assert S.target_polarity(text, start, end, method=method) == label


@pytest.mark.parametrize(
    "text, target",
    [
        ("Critics slammed Smith over the corruption scandal.", "Smith"),
        ("Voters praised Jones for her honesty and courage.", "Jones"),
        ("Smith arrived in Geneva on Tuesday.", "Geneva"),
        ("“This is a disgrace,” Smith said of the decision.", "Smith"),
        ("Kyiv welcomed the offer, but Moscow rejected it.", "Moscow"),
    ],
)
@pytest.mark.parametrize("method", S.METHODS)
def test_target_score_is_graded_and_agrees_with_polarity(text, target, method):
    start, end = span(text, target)
    score = S.target_score(text, start, end, method=method)
    assert -1.0 <= score <= 1.0
    expected = 1 if score > 0.05 else (-1 if score < -0.05 else 0)
    assert S.target_polarity(text, start, end, method=method) == expected


@pytest.mark.parametrize("method", S.METHODS)
def test_target_score_depends_on_the_target(method):
    text = "Prosecutors accused Smith of fraud and corruption, while voters praised Jones as a hero."
    assert S.target_score(text, *span(text, "Jones"), method=method) > S.target_score(text, *span(text, "Smith"),
                                                                                      method=method)


def test_reporting_verbs_carry_no_tone():
    assert S.token_valences("She claimed and warned.")[1][3] == 0.0  # "claimed" absent from VADER, kept at 0
    assert [v for *_, v in S.token_valences("He warned the committee.")] == [0.0, 0.0, 0.0, 0.0]
    assert S.load_lexicon()["warned"] < 0  # VADER's own lexicon (sentence tone) is left unchanged


def test_news_lexicon_reads_conflict_words_negative():
    values = {w.lower(): v for _, _, w, v in S.token_valences("Sanctions followed the invasion and the shelling.")}
    assert values["sanctions"] < 0 and values["invasion"] < 0 and values["shelling"] < 0


@pytest.mark.parametrize(
    "text",
    ["“We welcomed it,” Putin’s envoy said.", "Not a good deal at all", "U.S.-Russia talks (in Riyadh) went well"],
)
def test_token_valences_offsets_point_into_the_text(text):
    for start, end, word, _ in S.token_valences(text):
        assert word.lower() in S.prepare(text)[start:end].lower()


@pytest.mark.parametrize(
    "text, target, name, value",
    [
        ("Smith said the plan was good.", "Smith", "speaker", 1.0),
        ("The plan was good, Smith said.", "Smith", "speaker", 1.0),
        ("The plan was good for Smith.", "Smith", "speaker", 0.0),
        ("Voters turned against Smith.", "Smith", "against", 1.0),
        ("He said “Smith is great” today.", "Smith", "in_quote", 1.0),
        ("Smith is great.", "Smith", "in_quote", 0.0),
        ("Smith is great.", "Smith", "subject", 1.0),
    ],
)
def test_target_features(text, target, name, value):
    features = S.target_features(text, *span(text, target))
    assert set(features) == set(S.TARGET_FEATURES)
    assert all(-1.0 <= v <= 1.0 for v in features.values())
    assert features[name] == value


def test_target_words_themselves_are_not_cues():
    text = "Hope Hicks arrived in Washington."  # "Hope" is positive in VADER but here a name
    features = S.target_features(text, *span(text, "Hope Hicks"))
    assert features["all_pos"] == 0.0 and features["all_neg"] == 0.0


@pytest.mark.parametrize("method", S.METHODS)
@pytest.mark.parametrize("start, end", [(-1, 3), (3, 3), (5, 2), (0, 100), (0.0, 3)])
def test_bad_target_spans_are_input_errors(start, end, method):
    with pytest.raises(InputError):
        S.target_polarity("Smith arrived.", start, end, method=method)


def test_target_weights_have_one_weight_per_feature():
    assert len(S.TARGET_WEIGHTS) == 3
    assert all(len(row) == len(S.TARGET_FEATURES) + 1 for row in S.TARGET_WEIGHTS)


# ---------------------------------------------------------------- actor tone tables
@pytest.mark.parametrize(
    "spans, expected",
    [
        ([(9, 15)], "He said “      ” today"),
        ([], "He said “we won” today"),
        ([(-5, 2), (20, 99)], "   said “we won” tod  "),
    ],
)
def test_mask_spans_keeps_length(spans, expected):
    text = "He said “we won” today"
    assert S.mask_spans(text, spans) == expected


def frames():
    """One article: narration about Smith; Smith's hostile quote about Jones; a quote by Jones."""
    parts = [
        "Smith praised the generous aid deal.",
        "“Jones is a corrupt liar and a disgrace,” Smith said.",
        "“We welcome this wonderful agreement,” Jones said.",
    ]
    text = " ".join(parts)
    starts = [text.index(p) for p in parts]
    sentences = pd.DataFrame(
        [("d1", i, a, a + len(p), p) for i, (a, p) in enumerate(zip(starts, parts))],
        columns=["doc_id", "sent_id", "start", "end", "text"],
    )
    names = [("Smith", starts[0], 0), ("Jones", starts[1] + 1, 1), ("Smith", text.index("Smith said"), 1),
             ("Jones", text.index("Jones said"), 2)]
    mentions = pd.DataFrame(
        [("d1", sid, a, a + 5, n, n.lower(), "PERSON", "alias") for n, a, sid in names],
        columns=["doc_id", "sent_id", "start", "end", "surface", "actor_id", "actor_type", "match_kind"],
    )
    inner = ["Jones is a corrupt liar and a disgrace", "We welcome this wonderful agreement"]
    quotes = pd.DataFrame(
        [("d1", text.index(q), text.index(q) + len(q), q, speaker, "said", False)
         for q, speaker in zip(inner, ["smith", "jones"])],
        columns=["doc_id", "start", "end", "text", "speaker_actor_id", "cue_verb", "is_fragment"],
    )
    for n, a, _ in names:
        assert text[a:a + 5] == n
    return text, sentences, mentions, quotes


def test_tone_evidence_keeps_portrayal_voice_and_others_apart():
    text, sentences, mentions, quotes = frames()
    ev = S.tone_evidence(sentences, mentions, quotes)
    assert list(ev.columns) == S.EVIDENCE_COLUMNS
    kinds = {(a, k) for a, k in zip(ev["actor_id"], ev["kind"])}
    assert kinds == {("smith", "portrayal"), ("smith", "voice"), ("jones", "portrayal"), ("jones", "voice"),
                     ("jones", "others")}
    others = ev[(ev.actor_id == "jones") & (ev.kind == "others")].iloc[0]
    assert others["score"] < -0.05 and others["text"].startswith("Jones is a corrupt")
    smith_voice = ev[(ev.actor_id == "smith") & (ev.kind == "voice")].iloc[0]
    assert smith_voice["score"] < 0  # his own words are hostile ...
    smith_portrayal = ev[(ev.actor_id == "smith") & (ev.kind == "portrayal")]
    assert len(smith_portrayal) == 2
    # ... but the narration "…,” Smith said." is scored with the quote masked out: no tone left
    said = smith_portrayal[smith_portrayal.sent_id == 1].iloc[0]
    assert -0.05 <= said["score"] <= 0.05
    for row in ev.itertuples():
        assert text[row.start:row.end] == row.text


def test_tone_evidence_scores_mentions_with_the_model_on_request():
    _, sentences, mentions, quotes = frames()
    lexicon = S.tone_evidence(sentences, mentions, quotes)
    model = S.tone_evidence(sentences, mentions, quotes, method="model")
    assert lexicon[["actor_id", "kind", "start", "end"]].equals(model[["actor_id", "kind", "start", "end"]])
    voice = model.kind == "voice"
    assert model.loc[voice, "score"].tolist() == lexicon.loc[voice, "score"].tolist()  # voice is sentence tone
    praised = model[(model.actor_id == "smith") & (model.kind == "portrayal") & (model.sent_id == 0)].iloc[0]
    text = sentences.text[0]
    # int8 activations are quantised per batch, so a batched score differs slightly from a single call
    assert praised["score"] == pytest.approx(S.target_score(text, 0, 5), abs=0.02) and praised["score"] > 0.05
    with pytest.raises(InputError, match="method"):
        S.tone_evidence(sentences, mentions, quotes, method="roberta")


def test_tone_evidence_skips_actors_without_mentions_and_fragments_on_request():
    _, sentences, mentions, quotes = frames()
    ev = S.tone_evidence(sentences, mentions[mentions.actor_id == "smith"], quotes.iloc[:1])
    assert set(ev["actor_id"]) == {"smith"}
    flagged = quotes.assign(is_fragment=[True, False])
    ev = S.tone_evidence(sentences, mentions, flagged, fragments=False)
    assert not ((ev.actor_id == "smith") & (ev.kind == "voice")).any()
    assert not ((ev.actor_id == "jones") & (ev.kind == "others")).any()


def test_tone_evidence_with_empty_frames_has_the_columns():
    _, sentences, mentions, quotes = frames()
    ev = S.tone_evidence(sentences, mentions.iloc[:0], quotes.iloc[:0])
    assert ev.empty and list(ev.columns) == S.EVIDENCE_COLUMNS
    assert S.tone_summary(ev).empty


@pytest.mark.parametrize("missing", ["doc_id", "start", "actor_id"])
def test_tone_evidence_names_the_missing_column(missing):
    _, sentences, mentions, quotes = frames()
    with pytest.raises(InputError, match=missing):
        S.tone_evidence(sentences, mentions.drop(columns=[missing]), quotes)


EVIDENCE = pd.DataFrame({
    "doc_id": ["d1", "d1", "d2", "d2", "d2", "d1"],
    "actor_id": ["a", "a", "a", "b", "b", "b"],
    "kind": ["portrayal"] * 3 + ["voice"] * 3,
    "score": [0.5, -0.2, 0.0, 0.8, 0.6, -0.9],
})


def test_tone_summary_values():
    out = S.tone_summary(EVIDENCE, n_boot=500)
    assert list(out.columns) == ["actor_id", "kind", *S.SUMMARY_COLUMNS]
    a = out[out.actor_id == "a"].iloc[0]
    assert a["n"] == 3 and a["mean"] == pytest.approx(0.1)
    assert a["share_positive"] == pytest.approx(1 / 3) and a["share_negative"] == pytest.approx(1 / 3)
    for row in out.itertuples():
        assert row.ci_low <= row.mean <= row.ci_high


def test_tone_summary_is_deterministic_and_order_free():
    rng = np.random.default_rng(7)
    evidence = pd.DataFrame({
        "actor_id": rng.choice(["a", "b", "c"], size=90),
        "kind": "portrayal",
        "score": rng.uniform(-1, 1, size=90).round(3),
    })
    one = S.tone_summary(evidence, seed=3)
    two = S.tone_summary(evidence.iloc[::-1], seed=3)
    pd.testing.assert_frame_equal(one, two)
    other = S.tone_summary(evidence, seed=4)
    assert not np.allclose(one["ci_low"], other["ci_low"])
    assert (one["ci_high"] - one["ci_low"] < 0.8).all()


def test_tone_summary_per_article():
    out = S.tone_summary(EVIDENCE, by=("doc_id", "actor_id", "kind"), n_boot=100)
    assert len(out) == 4 and out["n"].sum() == len(EVIDENCE)
    single = out[(out.doc_id == "d2") & (out.actor_id == "a")].iloc[0]
    assert single["ci_low"] == single["ci_high"] == 0.0


@pytest.mark.parametrize(
    "options, message",
    [
        ({"positive": -0.1}, "positive"),
        ({"positive": 1.0}, "positive"),
        ({"negative": 0.2}, "negative"),
        ({"negative": -1.0}, "negative"),
        ({"n_boot": 0}, "n_boot"),
        ({"ci": 1.5}, "ci"),
        ({"by": ("actor_id", "nope")}, "nope"),
    ],
)
def test_tone_summary_rejects_bad_options(options, message):
    with pytest.raises(InputError, match=message):
        S.tone_summary(EVIDENCE, **options)


def test_tone_summary_thresholds_change_shares():
    loose = S.tone_summary(EVIDENCE, positive=0.0, negative=0.0, n_boot=10)
    strict = S.tone_summary(EVIDENCE, positive=0.7, negative=-0.5, n_boot=10)
    b_loose = loose[loose.actor_id == "b"].iloc[0]
    b_strict = strict[strict.actor_id == "b"].iloc[0]
    assert b_loose["share_positive"] == pytest.approx(2 / 3) and b_strict["share_positive"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("n, method, limit, expected", [
    (100, "model", 50_000, "model"),
    (50_000, "model", 50_000, "model"),
    (50_001, "model", 50_000, "lexicon"),  # the fallback, said in the note
    (10, "model", 0, "lexicon"),
    (10**6, "lexicon", 50_000, "lexicon"),
])
def test_the_model_falls_back_to_the_lexicon_cues_above_the_mention_limit(n, method, limit, expected):
    from lib.sentiment import choose_method

    chosen, note = choose_method(n, method=method, limit=limit)
    assert chosen == expected and f"{n:,} mentions" in note
    assert ("limit" in note) == (method == "model" and n > limit)


def test_an_unknown_target_method_is_refused():
    from lib.sentiment import choose_method

    with pytest.raises(InputError):
        choose_method(5, method="bert")
