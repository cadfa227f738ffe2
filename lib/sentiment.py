"""Tone with VADER through NLTK, offline: sentence tone, tone towards a target mention, and actor tone tables.

The VADER lexicon comes from the ``vaderSentiment`` wheel (its package folder holds ``vader_lexicon.txt``);
NLTK is pointed at that folder explicitly, nothing is downloaded. Three layers:

1. **Sentence tone** (:func:`sentence_score`, :func:`score_sentences`): NLTK's VADER, unchanged rules and
   lexicon, on the text with curly quotes straightened (same length, so VADER sees ``“Great,”`` as ``Great``).
   :func:`score_texts` is a faster path (plain ``re`` instead of NLTK's timeout-guarded regex, duplicate
   sentences scored once, optional process pool) whose results are identical to NLTK's, one sentence at a time.
2. **Target tone** (:func:`target_score`, :func:`target_polarity`): how a sentence portrays one mention. VADER's
   word valences (negation and boosters applied; a small news adjustment table, :data:`NEWS_LEXICON`) are read
   as cues: distance to the target, same clause or not, before or after it, inside quotation marks or not,
   whether the target is the speaker of a reporting verb ("said", "claimed" carry no tone), "against X".
   A weighted vote of these cues (:data:`TARGET_WEIGHTS`, a 3-class logistic layer fitted on the NewsMTSC
   training split, see :func:`fit_target_weights`) gives class probabilities; the most probable class wins,
   and the graded score is placed so that ±0.05 are the class boundaries, as with VADER's compound.
3. **Actor tone tables** (:func:`tone_evidence`, :func:`tone_summary`): portrayal (narration about an actor,
   quotes masked out), voice (the actor's own quotes) and others' words (quotes by someone else that mention
   the actor), kept apart, with bootstrap intervals.

**NLTK vs the vaderSentiment package.** Same lexicon file, different scores: on 8,367 distinct news sentences
3,436 differ in some field and 379 in ``compound`` (NLTK 3.10.4, vaderSentiment 3.3.2). Swapping one
vaderSentiment rule at a time into NLTK locates them (sentences changed): word splitting, 3,399 (vaderSentiment
keeps one-letter words such as "a", which count as neutral words and shift the 3-word negation window, and strips
all edge punctuation); "no" as a negator, 52; its longer booster list ("major", "total"), 25; NLTK scoring a
repeated word at its first position, 17; vaderSentiment's "but" re-weighting by value lookup, 6; idioms, 1.
With all swapped, NLTK reproduces vaderSentiment on all 8,367. We keep NLTK's rules throughout.

>>> round(sentence_score("The talks were constructive and positive."), 3)
0.557
>>> target_polarity("Critics slammed Smith over the scandal.", 16, 21)
-1
>>> target_polarity("Voters praised Jones for her honesty.", 15, 20)
1
"""

from __future__ import annotations

import math
import string
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.errors import InputError, ResourceMissing, require_columns

__all__ = [
    "EVIDENCE_COLUMNS",
    "LEXICON_FILE",
    "NEWS_LEXICON",
    "SUMMARY_COLUMNS",
    "TARGET_FEATURES",
    "TARGET_WEIGHTS",
    "TONE_COLUMNS",
    "analyzer",
    "fit_target_weights",
    "lexicon_dir",
    "load_lexicon",
    "mask_spans",
    "polarity_scores",
    "portrayal_vs_voice",
    "prepare",
    "score_sentences",
    "score_texts",
    "sentence_score",
    "share_of_voice",
    "target_features",
    "target_polarity",
    "target_score",
    "token_valences",
    "tone_evidence",
    "tone_summary",
]

LEXICON_FILE = "vader_lexicon.txt"
TONE_COLUMNS = ["doc_id", "sent_id", "compound", "pos", "neu", "neg"]
EVIDENCE_COLUMNS = ["doc_id", "actor_id", "kind", "sent_id", "start", "end", "score", "text"]
SUMMARY_COLUMNS = ["n", "mean", "share_positive", "share_negative", "ci_low", "ci_high"]
KINDS = ("portrayal", "voice", "others")
_FIX = "pip install -r requirements.txt"

# Curly quotes and primes -> ASCII, one character for one, so offsets stay valid.
_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                             "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'"})

# News adjustments to VADER's word valences, for target tone only (sentence tone keeps VADER's lexicon).
# Authored from general knowledge of English news, not taken from any data set. Three groups:
#  - conflict and wrongdoing words VADER lacks; they read negative whatever the writer's stance;
#  - reporting verbs: saying, claiming or warning is how news attributes speech, not an opinion of the writer;
#  - words VADER scores that are mostly non-evaluative in news ("like" as a preposition, "party", "united",
#    "justice" in "Justice Department", "security", "intelligence", "interest", "care" in "health care").
NEWS_LEXICON: dict[str, float] = {
    # conflict and wrongdoing (VADER has war -2.9, attack -2.1, crisis -3.1, but not these)
    "sanctions": -1.5, "sanction": -1.2, "invasion": -2.5, "invaded": -2.3, "invade": -2.2,
    "occupation": -1.2, "annexation": -1.5, "annexed": -1.5, "casualties": -2.5, "wounded": -2.0,
    "hostage": -2.0, "hostages": -2.0, "shelling": -2.2, "airstrike": -2.0, "airstrikes": -2.0,
    "bombing": -2.5, "bombed": -2.5, "massacre": -3.2, "genocide": -3.5, "atrocities": -3.2,
    "escalation": -1.5, "corruption": -2.5, "corrupt": -2.5, "indicted": -2.0, "indictment": -2.0,
    "allegations": -1.2, "alleged": -0.8, "allegedly": -0.8, "impeachment": -1.2, "convicted": -2.2,
    "slammed": -1.8, "blasted": -1.8, "denounced": -1.8, "probe": -0.6, "investigation": -0.6,
    "scandal": -2.0, "controversy": -1.2, "lawsuit": -0.9, "sued": -1.0, "deadly": -2.8, "racist": -2.8,
    "racism": -2.8, "bigotry": -2.8, "misconduct": -2.0, "harassment": -2.5, "homicide": -3.0,
    "manslaughter": -2.8, "conviction": -1.8, "jail": -2.0, "kidnapped": -2.8, "trafficking": -2.5,
    "bribery": -2.5, "embezzlement": -2.5, "extortion": -2.6, "laundering": -2.0, "obstruction": -1.5,
    "misled": -1.8, "plagiarism": -2.0, "ousted": -1.5, "sacked": -1.5, "impeached": -1.5, "censured": -1.5,
    "slur": -2.2, "slurs": -2.2, "smeared": -1.8, "incited": -2.0, "incites": -2.0, "inciting": -2.0,
    "extremist": -2.2, "extremists": -2.2, "neo-nazi": -3.0, "xenophobic": -2.6, "sexist": -2.6,
    "misogynist": -2.6, "divisive": -1.6, "inflammatory": -1.6, "incendiary": -1.6, "polarizing": -1.2,
    "tirade": -2.0, "outburst": -1.5, "meltdown": -2.0, "backlash": -1.5, "uproar": -1.5, "furor": -1.5,
    "gridlock": -1.2, "shutdown": -1.0, "crackdown": -1.5, "oppression": -2.8, "authoritarian": -2.0,
    "dictator": -2.5, "dictatorship": -2.5, "regime": -1.0, "disinformation": -2.0, "meddling": -1.8,
    "interference": -1.2, "hacking": -1.5, "espionage": -1.8, "traitor": -3.0,
    # achievement and cooperation words VADER lacks
    "lauded": 2.3, "historic": 1.0, "breakthrough": 2.0, "victory": 2.2, "achievement": 2.0, "bolster": 1.2,
    "bolstered": 1.2, "momentum": 1.0, "bipartisan": 1.0, "compromise": 0.8, "consensus": 1.0,
    "cooperation": 1.2, "cooperate": 1.0, "partnership": 1.0, "stability": 1.2, "prosperity": 2.2,
    "thrive": 2.0, "thriving": 2.0, "donation": 1.2, "donated": 1.2, "volunteer": 1.0, "pioneer": 1.5,
    "pioneering": 1.8, "iconic": 1.8, "legendary": 2.0, "transparency": 1.0, "recovery": 1.0,
    # reporting verbs: no tone of their own
    "claimed": 0.0, "claims": 0.0, "warned": 0.0, "warns": 0.0, "warning": 0.0, "stressed": 0.0,
    "argued": 0.0, "admitted": 0.0, "admits": 0.0, "insisted": 0.0, "demanded": 0.0, "stated": 0.0,
    # mostly non-evaluative in news
    "like": 0.0, "party": 0.0, "parties": 0.0, "united": 0.0, "justice": 0.0, "security": 0.0,
    "intelligence": 0.0, "interest": 0.0, "interests": 0.0, "care": 0.0, "credit": 0.0, "share": 0.0,
    "well": 0.0, "please": 0.0, "pretty": 0.0, "defense": 0.0, "defence": 0.0, "chief": 0.0,
}

# Marks between two words that end a clause.
_CLAUSE_END = (",", ";", ":", "(", ")", "—", "–", '"')
_CLAUSE_WORDS = frozenset("but while although though whereas because however unless yet".split())
_SAY = frozenset(
    "said says say saying told tells tell added adds wrote writes stated states tweeted posted asked "
    "explained argued noted claimed claims warned warns insisted according announced declared replied "
    "responded countered acknowledged admitted".split()
)
_AGAINST = frozenset("against versus vs accusing accused attacking criticizing blaming".split())

TARGET_FEATURES = (
    "all_pos", "all_neg", "near_pos", "near_neg", "mid_pos", "mid_neg", "clause_pos", "clause_neg",
    "left_pos", "left_neg", "right_pos", "right_neg", "quoted_pos", "quoted_neg", "speaker",
    "speaker_pos", "speaker_neg", "in_quote", "against", "subject", "position", "length",
)
# Fitted by fit_target_weights on NewsMTSC train.jsonl (see the function's docstring for the command).
# Rows: negative, neutral, positive; columns: intercept then TARGET_FEATURES in order.
TARGET_WEIGHTS: tuple[tuple[float, ...], ...] = (
    (-0.0102, -0.3873, 0.6741, -0.2835, 0.4497, -0.2605, 1.3595, 0.1732, 0.4142, -0.0650, -0.2562,
     -0.2367, 0.3547, -0.0643, 0.0682, -0.4952, -0.5473, -0.2786, 0.1521, 0.8541, -0.4820, -0.2875,
     0.3607),
    (0.3761, -0.3618, -0.0387, -0.1057, -0.0111, -0.5222, -0.5379, -0.6253, -0.4138, 0.0802, 0.4003,
     -0.2244, -0.0663, 0.0184, 0.0715, 0.6526, 0.0100, -0.0962, -0.4972, -0.6286, 0.3370, 0.6302, -0.5028),
    (-0.3659, 0.7490, -0.6354, 0.3892, -0.4387, 0.7827, -0.8217, 0.4521, -0.0004, -0.0153, -0.1440,
     0.4611, -0.2884, 0.0459, -0.1398, -0.1574, 0.5372, 0.3748, 0.3451, -0.2255, 0.1450, -0.3427, 0.1422),
)


# ---------------------------------------------------------------- resources
def lexicon_dir() -> Path:
    """The folder of the installed ``vaderSentiment`` package, which holds ``vader_lexicon.txt``.

    >>> (lexicon_dir() / LEXICON_FILE).is_file()
    True
    """
    from importlib.util import find_spec

    spec = find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceMissing(f"The VADER lexicon is missing (package vaderSentiment not installed); run `{_FIX}`.")
    folder = Path(next(iter(spec.submodule_search_locations)))
    if not (folder / LEXICON_FILE).is_file():
        raise ResourceMissing(f"The VADER lexicon {folder / LEXICON_FILE} is missing; run `{_FIX}`.")
    return folder


@cache
def _nltk_analyzer():
    from lib.text import import_nltk

    nltk = import_nltk()
    folder = str(lexicon_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)  # NLTK 3.10 opens resources only under nltk.data.path
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    try:
        return SentimentIntensityAnalyzer(lexicon_file=LEXICON_FILE)
    except (LookupError, OSError, ValueError) as err:
        raise ResourceMissing(f"NLTK could not open the VADER lexicon in {folder} ({err}); run `{_FIX}`.") from None


def analyzer():
    """NLTK's VADER ``SentimentIntensityAnalyzer`` with the lexicon from the vaderSentiment wheel (cached).

    Fails fast with :class:`lib.errors.ResourceMissing` when the lexicon is missing.

    >>> analyzer().polarity_scores("A good deal.")["compound"] > 0
    True
    """
    return _nltk_analyzer()


def load_lexicon() -> dict[str, float]:
    """VADER's word valences (word -> mean rating, -4..4) as NLTK loaded them; checks the resource offline.

    >>> load_lexicon()["war"]
    -2.9
    """
    return analyzer().lexicon


def prepare(text: str) -> str:
    """Straighten curly quotes and apostrophes, one character for one, so VADER strips them from words.

    >>> prepare("“Great,” he said. Russia’s")
    '"Great," he said. Russia\\'s'
    """
    if not isinstance(text, str):
        raise InputError(f"Expected text as a string, got {type(text).__name__}.")
    return text.translate(_STRAIGHTEN)


# ---------------------------------------------------------------- sentence tone
def polarity_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for ``text`` (curly quotes straightened).

    >>> polarity_scores("")["compound"]
    0.0
    """
    return analyzer().polarity_scores(prepare(text))


def sentence_score(text: str) -> float:
    """VADER compound of ``text`` in [-1, 1] (NLTK rules and lexicon, curly quotes straightened).

    >>> sentence_score("The ceasefire collapsed amid deadly attacks.") < 0
    True
    """
    return float(polarity_scores(text)["compound"])


_ASCII_PUNCT = frozenset(string.punctuation)
_DELETE_PUNCT = str.maketrans("", "", string.punctuation)


class _Words:
    """What NLTK's ``SentiText`` computes, without NLTK's timeout-guarded regex or its 17 x n dictionary.

    NLTK keeps each whitespace token longer than one character and strips one mark from ``PUNC_LIST`` before
    or after it when the rest is a punctuation-free word of the text. Since those words contain no ASCII
    punctuation, the mark is exactly the token's leading (or trailing) run of ASCII punctuation.
    """

    __slots__ = ("text", "words_and_emoticons", "is_cap_diff")

    def __init__(self, text: str, punc: frozenset[str]) -> None:
        self.text = text
        words_only = {w for w in text.translate(_DELETE_PUNCT).split() if len(w) > 1}
        words = []
        for tok in text.split():
            if len(tok) < 2:
                continue
            i = 0
            while i < len(tok) and tok[i] in _ASCII_PUNCT:
                i += 1
            if i and tok[:i] in punc and tok[i:] in words_only:
                words.append(tok[i:])
                continue
            j = len(tok)
            while j and tok[j - 1] in _ASCII_PUNCT:
                j -= 1
            if j < len(tok) and tok[j:] in punc and tok[:j] in words_only:
                words.append(tok[:j])
                continue
            words.append(tok)
        self.words_and_emoticons = words
        upper = sum(1 for w in words if w.isupper())
        self.is_cap_diff = 0 < len(words) - upper < len(words)


def _fast_scores(vader, text: str, punc: frozenset[str]) -> tuple[float, float, float, float]:
    """NLTK's ``polarity_scores`` body with :class:`_Words`; returns (compound, pos, neu, neg)."""
    senti = _Words(text, punc)
    words = senti.words_and_emoticons
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    boosters = vader.constants.BOOSTER_DICT
    sentiments: list[float] = []
    last = len(words) - 1
    for item in words:
        i = first_index[item]  # NLTK (like VADER's list.index) uses a repeated word's first position
        low = item.lower()
        if (i < last and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, senti, item, i, sentiments)
    sentiments = vader._but_check(words, sentiments)
    s = vader.score_valence(sentiments, text)
    return s["compound"], s["pos"], s["neu"], s["neg"]


def _score_chunk(texts: Sequence[str]) -> list[tuple[float, float, float, float]]:
    vader = analyzer()
    punc = frozenset(vader.constants.PUNC_LIST)
    return [_fast_scores(vader, t, punc) for t in texts]


def score_texts(texts: Iterable[str], *, workers: int = 1, min_parallel: int = 20_000) -> pd.DataFrame:
    """VADER ``compound, pos, neu, neg`` for each text, identical to NLTK one text at a time, faster.

    Duplicate texts are scored once; with ``workers`` > 1 and at least ``min_parallel`` distinct texts, a
    process pool scores one large chunk per worker.

    >>> score_texts(["Good news.", "", "Good news."])["compound"].tolist()
    [0.4404, 0.0, 0.4404]
    """
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}.")
    prepared = [prepare(t) for t in texts]
    unique = list(dict.fromkeys(prepared))
    if workers > 1 and len(unique) >= min_parallel:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        analyzer()  # load once here; forked workers inherit it
        size = math.ceil(len(unique) / workers)
        chunks = [unique[k:k + size] for k in range(0, len(unique), size)]
        method = "fork" if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
            scored = [row for part in pool.map(_score_chunk, chunks) for row in part]
    else:
        scored = _score_chunk(unique)
    lookup = dict(zip(unique, scored))
    return pd.DataFrame([lookup[t] for t in prepared], columns=["compound", "pos", "neu", "neg"])


def score_sentences(sentences: pd.DataFrame, *, workers: int = 1) -> pd.DataFrame:
    """The ``tones`` frame: ``doc_id, sent_id, compound, pos, neu, neg`` for each row of ``sentences``.

    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [9], "text": ["Good news"]})
    >>> score_sentences(s).columns.tolist()
    ['doc_id', 'sent_id', 'compound', 'pos', 'neu', 'neg']
    """
    require_columns(sentences, ["doc_id", "sent_id", "text"], "sentences")
    texts = sentences["text"].tolist()
    for k, t in enumerate(texts):
        if not isinstance(t, str):
            raise InputError(f"sentences row {k} has no text (got {type(t).__name__}).")
    scores = score_texts(texts, workers=workers)
    out = pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy(), "sent_id": sentences["sent_id"].to_numpy()})
    for col in ["compound", "pos", "neu", "neg"]:
        out[col] = scores[col].to_numpy()
    return out


# ---------------------------------------------------------------- target tone
@cache
def _news_analyzer():
    """A second NLTK analyzer sharing VADER's rules, with :data:`NEWS_LEXICON` applied to its word valences."""
    import copy

    vader = copy.copy(analyzer())
    vader.lexicon = {**vader.lexicon, **NEWS_LEXICON}
    return vader


class _Tokens:
    """The two attributes of NLTK's ``SentiText`` that VADER's word rules read."""

    __slots__ = ("words_and_emoticons", "is_cap_diff")

    def __init__(self, words: list[str]) -> None:
        self.words_and_emoticons = words
        upper = sum(1 for w in words if w.isupper())
        self.is_cap_diff = 0 < len(words) - upper < len(words)


@lru_cache(maxsize=4096)
def token_valences(text: str) -> tuple[tuple[int, int, str, float], ...]:
    """``(start, end, word, valence)`` for VADER's words in ``text``: news-adjusted lexicon, VADER's negation,
    booster and capitals rules applied, no "but" re-weighting (clauses are handled by the target cues).

    Unlike NLTK's tokenizer, all leading and trailing punctuation is stripped from a word (as the
    vaderSentiment package does), so ``"Great,"`` inside a quote still counts as *great*.

    >>> [(w, v) for _, _, w, v in token_valences("Not good. He called it “great.”") if v]
    [('good', -1.406), ('great', 3.1)]
    """
    text = prepare(text)
    vader = _news_analyzer()
    spans, words = [], []
    pos = 0
    for tok in text.split():
        pos = text.index(tok, pos)
        if len(tok) > 1:
            word = tok.strip(string.punctuation)
            if len(word) < 2:  # an emoticon or a mark: keep it whole, as VADER does
                word = tok
            offset = pos + tok.index(word)
            spans.append((offset, offset + len(word)))
            words.append(word)
        pos += len(tok)
    senti = _Tokens(words)
    boosters = vader.constants.BOOSTER_DICT
    out = []
    last = len(words) - 1
    for i, (item, (a, b)) in enumerate(zip(words, spans)):
        low = item.lower()
        if (i < last and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            value = 0.0
        else:
            value = float(vader.sentiment_valence(0, senti, item, i, [])[-1])
        out.append((a, b, item, round(value, 4)))
    return tuple(out)


def _norm(x: float) -> float:
    return x / math.sqrt(x * x + 15.0)


def _check_span(text: str, start: int, end: int) -> None:
    if not isinstance(text, str):
        raise InputError(f"Expected text as a string, got {type(text).__name__}.")
    if not (isinstance(start, int | np.integer) and isinstance(end, int | np.integer)):
        raise InputError(f"Target offsets must be integers, got start={start!r}, end={end!r}.")
    if not 0 <= start < end <= len(text):
        raise InputError(f"Target span [{start}, {end}) is not inside the text of length {len(text)}.")


def target_features(text: str, start: int, end: int) -> dict[str, float]:
    """The cues the target tone is computed from, each in [-1, 1] (see :data:`TARGET_FEATURES`).

    Word valences of the target's own words are left out; ``*_pos``/``*_neg`` are squashed sums of positive
    and negative valences: over the sentence, near the target (weights decaying over 2 and 6 words), in its
    clause, before and after it, and inside quotation marks. ``speaker`` is 1 when a reporting verb is next to
    the target ("X said", "said X", "according to X"); ``against`` when "against X" (or similar) precedes it.

    >>> f = target_features("Critics slammed Smith over the scandal.", 16, 21)
    >>> f["near_neg"] > 0.3, f["near_pos"]
    (True, 0.0)
    """
    _check_span(text, start, end)
    toks = token_valences(text)
    prepared = prepare(text)
    n = len(toks)
    inside = [k for k, (a, b, _, _) in enumerate(toks) if a < end and b > start]
    if inside:
        lo, hi = inside[0], inside[-1]
    else:  # the target sits in a one-character token: anchor it between its neighbours
        lo = sum(1 for a, _, _, _ in toks if a < start)
        hi = lo - 1
    # clause ids: a new clause after a token ending in a clause mark, or at a clause word
    clause = []
    cid = 0
    for k, (_, _, w, _) in enumerate(toks):
        if w.lower() in _CLAUSE_WORDS:
            cid += 1
        clause.append(cid)
        between = prepared[toks[k][1]:toks[k + 1][0]] if k + 1 < n else ""
        if any(mark in between for mark in _CLAUSE_END):
            cid += 1
    target_clause = clause[lo] if 0 <= lo < n else (clause[hi] if 0 <= hi < n else -1)
    quoted = _quoted_mask(prepared)
    sums = dict.fromkeys(("all", "near", "mid", "clause", "left", "right", "quoted"), (0.0, 0.0))
    acc = {k: [0.0, 0.0] for k in sums}
    for k, (a, _, _, v) in enumerate(toks):
        if lo <= k <= hi or not v:
            continue
        side = 0 if v > 0 else 1
        mag = abs(v)
        d = lo - k if k < lo else k - hi
        acc["all"][side] += mag
        acc["near"][side] += mag * math.exp(-(d - 1) / 2.0)
        acc["mid"][side] += mag * math.exp(-(d - 1) / 6.0)
        if clause[k] == target_clause:
            acc["clause"][side] += mag
        acc["left" if k < lo else "right"][side] += mag
        if quoted[a]:
            acc["quoted"][side] += mag
    f: dict[str, float] = {}
    for key, (p, q) in acc.items():
        f[f"{key}_pos"] = _norm(p)
        f[f"{key}_neg"] = _norm(q)
    words = [w.lower().strip(string.punctuation) for _, _, w, _ in toks]
    before = words[max(0, lo - 2):max(0, lo)]
    after = words[hi + 1:hi + 3] if hi + 1 < n else []
    speaker = float(any(w in _SAY for w in before + after))
    f["speaker"] = speaker
    f["speaker_pos"] = speaker * f["quoted_pos"]
    f["speaker_neg"] = speaker * f["quoted_neg"]
    f["in_quote"] = float(quoted[start])
    f["against"] = float(any(w in _AGAINST for w in words[max(0, lo - 3):max(0, lo)]))
    f["subject"] = float(lo <= 0)
    f["position"] = start / max(1, len(text))
    f["length"] = min(n, 60) / 60.0
    return f


def _quoted_mask(text: str) -> list[bool]:
    """True for characters between straight double quotes (after :func:`prepare`); one extra slot at the end."""
    mask = [False] * (len(text) + 1)
    inside = False
    for k, ch in enumerate(text):
        if ch == '"':
            inside = not inside
            continue
        mask[k] = inside
    return mask


def _class_probabilities(features: dict[str, float]) -> tuple[float, float, float]:
    logits = []
    for row in TARGET_WEIGHTS:
        z = row[0]
        for name, w in zip(TARGET_FEATURES, row[1:]):
            z += w * features[name]
        logits.append(z)
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


def _graded(probs: tuple[float, float, float]) -> float:
    """One graded score from the class probabilities, consistent with the ±0.05 convention.

    The winning class decides the side: positive -> 0.05 + 0.95 x its margin over the runner-up, negative the
    mirror image, neutral -> 0.05 x (P(pos) - P(neg)) / (P(pos) + P(neg)), inside (-0.05, 0.05).
    """
    neg, neu, pos = probs
    if pos > neg and pos > neu:
        return 0.05 + 0.95 * (pos - max(neg, neu))
    if neg > pos and neg > neu:
        return -0.05 - 0.95 * (neg - max(pos, neu))
    return 0.05 * (pos - neg) / max(pos + neg, 1e-12) * (1 - 1e-9)


def target_score(text: str, start: int, end: int) -> float:
    """Graded tone towards ``text[start:end]`` in [-1, 1]; above +0.05 positive, below -0.05 negative.

    >>> target_score("Critics slammed Smith over the scandal.", 16, 21) < -0.05
    True
    """
    _, raw = _target(text, start, end)
    return raw


def target_polarity(text: str, start: int, end: int) -> int:
    """Tone towards ``text[start:end]``: -1 (negative), 0 (neutral) or 1 (positive).

    >>> target_polarity("Voters praised Smith for her honesty.", 15, 20)
    1
    """
    _, score = _target(text, start, end)
    return 1 if score > 0.05 else (-1 if score < -0.05 else 0)


def _target(text: str, start: int, end: int) -> tuple[tuple[float, float, float], float]:
    probs = _class_probabilities(target_features(text, start, end))
    return probs, _graded(probs)


def fit_target_weights(items: Iterable[tuple[str, int, int, int]], *, c: float = 0.3):
    """Fit :data:`TARGET_WEIGHTS` from ``(text, start, end, label)`` items, label in {-1, 0, 1}.

    A 3-class logistic regression (scikit-learn, inverse regularisation ``c``) over :func:`target_features`;
    the predicted class is the most probable one. ``c=0.3`` without class re-weighting had the best 5-fold
    cross-validated macro-F1 on the training split (0.605; balanced classes 0.603, within noise). The shipped
    weights were fitted on NewsMTSC ``train.jsonl`` only (read by path, never copied into the project)::

        .venv/bin/python -c "import json; from lib.sentiment import fit_target_weights as f; \\
        rows = [json.loads(l) for l in open('../shared/bench/newsmtsc/train.jsonl')]; \\
        print(f([(r['sentence_normalized'], t['from'], t['to'], {2.0: -1, 4.0: 0, 6.0: 1}[t['polarity']]) \\
        for r in rows for t in r['targets']]))"

    Returns rows for negative, neutral, positive: intercept, then one weight per feature.
    """
    from sklearn.linear_model import LogisticRegression

    items = list(items)
    x = np.array([[target_features(t, a, b)[k] for k in TARGET_FEATURES] for t, a, b, _ in items])
    y = np.array([int(g) for *_, g in items])
    if set(y.tolist()) != {-1, 0, 1}:
        raise InputError("fit_target_weights needs items of all three labels -1, 0 and 1.")
    if not c > 0:
        raise InputError(f"c must be positive, got {c!r}.")
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    order = [list(model.classes_).index(c) for c in (-1, 0, 1)]
    return tuple(tuple(round(float(v), 4) for v in (model.intercept_[i], *model.coef_[i])) for i in order)


# ---------------------------------------------------------------- actor tone tables
def mask_spans(text: str, spans: Iterable[tuple[int, int]], *, fill: str = " ") -> str:
    """Replace ``text[a:b]`` for each span with ``fill`` characters (same length, offsets stay valid).

    >>> mask_spans('He said “we won” today', [(9, 15)])
    'He said “      ” today'
    """
    chars = list(text)
    for a, b in spans:
        a, b = max(0, int(a)), min(len(chars), int(b))
        chars[a:b] = fill * max(0, b - a)
    return "".join(chars)


def tone_evidence(
    sentences: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame, *, fragments: bool = True
) -> pd.DataFrame:
    """One row per scored unit, keeping three kinds of evidence about each actor apart:

    - ``portrayal``: a sentence of narration that mentions the actor; the mention's target tone is scored with
      quoted material masked out (mentions inside quotes are not narration and are skipped here);
    - ``voice``: a quote whose ``speaker_actor_id`` is the actor, scored by VADER's compound of its text;
    - ``others``: a quote by someone else (or unattributed) that mentions the actor, scored by the target tone
      of that mention inside the quote.

    ``fragments=False`` leaves out quotes marked ``is_fragment`` (a few quoted words inside a sentence).
    Several mentions of one actor in one sentence (or quote) give one row, their mean score. Columns:
    ``doc_id, actor_id, kind, sent_id, start, end, score, text`` (offsets into the article; ``sent_id`` of the
    sentence where the unit starts).
    """
    require_columns(sentences, ["doc_id", "sent_id", "start", "end", "text"], "sentences")
    require_columns(mentions, ["doc_id", "sent_id", "start", "end", "actor_id"], "mentions")
    require_columns(quotes, ["doc_id", "start", "end", "text", "speaker_actor_id"], "quotes")
    frag = quotes["is_fragment"].tolist() if "is_fragment" in quotes.columns else [False] * len(quotes)
    quotes_by_doc: dict[object, list[tuple[int, int, str, object, bool]]] = {}
    columns = ["doc_id", "start", "end", "text", "speaker_actor_id"]
    for (d, a, b, t, s), f in zip(zip(*(quotes[c].tolist() for c in columns)), frag):
        speaker = s if isinstance(s, str) and s else None
        quotes_by_doc.setdefault(d, []).append((int(a), int(b), str(t), speaker, bool(f) and not fragments))
    sent_rows = {(d, int(i)): (int(a), int(b), t) for d, i, a, b, t in
                 zip(*(sentences[c].tolist() for c in ["doc_id", "sent_id", "start", "end", "text"]))}
    sent_starts: dict[object, list[tuple[int, int]]] = {}
    for (d, i), (a, _, _) in sent_rows.items():
        sent_starts.setdefault(d, []).append((a, i))
    for v in sent_starts.values():
        v.sort()

    def sent_of(doc, offset):
        starts = sent_starts.get(doc, [])
        k = bisect_right(starts, (offset, math.inf)) - 1
        return starts[k][1] if k >= 0 else None

    rows = []
    grouped: dict[tuple, list[float]] = {}
    for d, sid, a, b, actor in zip(*(mentions[c].tolist() for c in ["doc_id", "sent_id", "start", "end", "actor_id"])):
        if not isinstance(actor, str) or not actor:
            continue
        a, b = int(a), int(b)
        doc_quotes = quotes_by_doc.get(d, [])
        host = next((q for q in doc_quotes if q[0] <= a and b <= q[1]), None)
        if host is None:
            sent = sent_rows.get((d, int(sid)))
            if sent is None:
                continue
            s0, s1, stext = sent
            if not (s0 <= a and b <= s1):
                continue
            local = [(q[0] - s0, q[1] - s0) for q in doc_quotes if q[0] < s1 and q[1] > s0]
            masked = mask_spans(stext, local)
            key = (d, actor, "portrayal", int(sid), s0, s1, stext)
            grouped.setdefault(key, []).append(target_score(masked, a - s0, b - s0))
        elif host[3] != actor and not host[4]:
            q0, q1, qtext, _, _ = host
            if qtext != "" and len(qtext) == q1 - q0 and a - q0 < len(qtext):
                key = (d, actor, "others", sent_of(d, q0), q0, q1, qtext)
                grouped.setdefault(key, []).append(target_score(qtext, a - q0, b - q0))
    for key, scores in grouped.items():
        d, actor, kind, sid, a, b, text = key
        rows.append((d, actor, kind, sid, a, b, float(np.mean(scores)), text))
    for d, doc_quotes in quotes_by_doc.items():
        for q0, q1, qtext, speaker, skip in doc_quotes:
            if speaker is not None and not skip:
                rows.append((d, speaker, "voice", sent_of(d, q0), q0, q1, sentence_score(qtext), qtext))
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    out["sent_id"] = out["sent_id"].astype("Int64")
    return out.sort_values(["doc_id", "start", "actor_id", "kind"], kind="stable").reset_index(drop=True)


def tone_summary(
    evidence: pd.DataFrame,
    *,
    by: Sequence[str] = ("actor_id", "kind"),
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    positive: float = 0.05,
    negative: float = -0.05,
) -> pd.DataFrame:
    """Per group of ``evidence``: ``n, mean, share_positive, share_negative, ci_low, ci_high``.

    ``ci_low``/``ci_high`` are a percentile bootstrap interval of the mean (``n_boot`` resamples, each group
    drawn from its own generator seeded with ``seed``, so results do not depend on group order). A score
    counts as positive above ``positive`` and negative below ``negative``. Use ``by=("doc_id", "actor_id",
    "kind")`` for one row per article.

    >>> ev = pd.DataFrame({"actor_id": ["a", "a"], "kind": ["voice", "voice"], "score": [0.5, -0.1]})
    >>> row = tone_summary(ev, n_boot=200).iloc[0]
    >>> int(row["n"]), round(float(row["mean"]), 2), float(row["share_positive"])
    (2, 0.2, 0.5)
    """
    by = list(by)
    require_columns(evidence, [*by, "score"], "evidence")
    if not isinstance(n_boot, int) or n_boot < 1:
        raise InputError(f"n_boot must be a positive integer, got {n_boot!r}.")
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci!r}.")
    if not 0 <= positive < 1:
        raise InputError(f"positive cut-off must be in [0, 1), got {positive!r}.")
    if not -1 < negative <= 0:
        raise InputError(f"negative cut-off must be in (-1, 0], got {negative!r}.")
    if not by:
        raise InputError("by must name at least one column of evidence.")
    rows = []
    clean = evidence.dropna(subset=["score"])
    for key, group in clean.groupby(by, sort=True, dropna=False):
        x = np.sort(group["score"].to_numpy(dtype=float))  # sorted: same draws whatever the row order
        rng = np.random.default_rng(seed)
        means = np.empty(n_boot)
        step = max(1, 2_000_000 // max(1, len(x)))
        for k in range(0, n_boot, step):
            m = min(step, n_boot - k)
            means[k:k + m] = x[rng.integers(0, len(x), size=(m, len(x)))].mean(axis=1)
        alpha = (1 - ci) / 2
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, len(x), float(x.mean()), float(np.mean(x > positive)), float(np.mean(x < negative)),
                     float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))))
    out = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    out["n"] = out["n"].astype("int64")
    return out


def portrayal_vs_voice(summary: pd.DataFrame, *, min_units: int = 3) -> pd.DataFrame:
    """Mean portrayal and mean voice per actor, for actors with at least ``min_units`` units of *both* kinds.

    Columns: actor_id, portrayal, voice, n_portrayal, n_voice. An empty frame (same columns) when no actor
    qualifies, e.g. when nobody in the table is quoted.

    >>> s = pd.DataFrame({"actor_id": ["a", "a", "b"], "kind": ["portrayal", "voice", "portrayal"],
    ...                   "mean": [0.1, 0.4, -0.2], "n": [5, 3, 9]})
    >>> portrayal_vs_voice(s, min_units=3).values.tolist()
    [['a', 0.1, 0.4, 5, 3]]
    >>> len(portrayal_vs_voice(s[s["kind"] == "portrayal"]))
    0
    """
    columns = ["actor_id", "portrayal", "voice", "n_portrayal", "n_voice"]
    means = summary.pivot_table(index="actor_id", columns="kind", values="mean", aggfunc="first")
    counts = summary.pivot_table(index="actor_id", columns="kind", values="n", aggfunc="first")
    if not {"portrayal", "voice"} <= set(means.columns):
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame({"portrayal": means["portrayal"], "voice": means["voice"],
                          "n_portrayal": counts["portrayal"], "n_voice": counts["voice"]}).dropna()
    table = table[(table["n_portrayal"] >= min_units) & (table["n_voice"] >= min_units)]
    table[["n_portrayal", "n_voice"]] = table[["n_portrayal", "n_voice"]].astype(int)
    return table.reset_index()[columns]


def share_of_voice(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per actor: quotes of their own and narration sentences about them, most quoted first.

    >>> e = pd.DataFrame({"actor_id": ["a", "a", "b", "a", "b"],
    ...                   "kind": ["voice", "portrayal", "portrayal", "voice", "voice"]})
    >>> share_of_voice(e).values.tolist()
    [['a', 2, 1, 0.667], ['b', 1, 1, 0.333]]
    """
    counts = pd.crosstab(evidence["actor_id"], evidence["kind"])
    table = pd.DataFrame({"quotes": counts.get("voice", 0), "narration_sentences": counts.get("portrayal", 0)},
                         index=counts.index).fillna(0).astype(int)
    table["share_of_quotes"] = (table["quotes"] / max(1, table["quotes"].sum())).round(3)
    table = table.reset_index().sort_values(["quotes", "narration_sentences", "actor_id"],
                                            ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)
