"""Tone with VADER through NLTK, offline: sentence tone, tone towards a target mention, and actor tone tables.

The VADER lexicon comes from the ``vaderSentiment`` wheel (its package folder holds ``vader_lexicon.txt``),
read by path; nothing is downloaded. Analyzers are explicit objects (:mod:`lib.sentiment.vader`): every
scoring function takes ``vader=``, and the defaults are built once per process and never modified. Layers:

1. **Sentence tone** (:func:`sentence_score`, :func:`score_sentences`; :mod:`.vader`, :mod:`.batch`): NLTK's
   VADER rules on the text with curly quotes straightened (same length, so VADER sees ``“Great,”`` as
   ``Great``), with one news-domain lexicon for narration, quotes and article tone (:func:`tone_analyzer`):
   :data:`NEWS_LEXICON`, then :data:`NEWS_TONE` (words that name the subject of a negotiation, "security",
   "peace", "agreement", "guarantee", "ceasefire", "war", carry no tone; words whose tone NewsMTSC train does
   not bear out are set to 0) and positive valences times :data:`NEWS_POSITIVE_SCALE` (fitted on train).
   NewsMTSC rw-dev single-target sentences: macro-F1 0.587 against plain VADER's 0.499
   (``benchmarks/sentence_tone.py``). ``vader=analyzer()`` gives plain VADER. :func:`score_texts` is a faster
   path (NLTK's rules applied only where they can change a score, :mod:`.rules`; duplicate sentences scored
   once; optional process pool) whose results are identical to NLTK's, one sentence at a time, with the same
   analyzer.
2. **Target tone** (:func:`target_score`, :func:`target_polarity`; :mod:`.model`, :mod:`.cues`, :mod:`.target`):
   how a sentence portrays one mention. By default a fine-tuned small encoder (MiniLM-L6, int8 ONNX, offline;
   :mod:`.model`, NewsMTSC macro-F1 0.766 / 0.738); ``method="lexicon"`` gives the explainable cue vote:
   VADER's word valences (negation and boosters applied; news adjustments, :data:`NEWS_LEXICON`, from
   ``lib/resources/news_lexicon.txt``) are read as cues: distance to the target,
   same clause or not, before or after it, inside quotation marks or not, whether the target is the speaker
   of a reporting verb ("said", "claimed" carry no tone), "against X". A weighted vote of these cues
   (:data:`TARGET_WEIGHTS`, a 3-class logistic layer fitted on the NewsMTSC training split, see
   ``lib/resources/target_weights.txt``) gives class probabilities; the most probable class wins, and the
   graded score is placed so that ±0.05 are the class boundaries, as with VADER's compound.
3. **Actor tone tables** (:func:`tone_evidence`, :func:`tone_summary`; :mod:`.evidence`, lexicon cues): portrayal
   (narration about an actor, quotes masked out), voice (the actor's own quotes) and others' words (quotes by
   someone else that mention the actor), kept apart, with bootstrap intervals; shown with their n, and as
   "too few" below a minimum (:mod:`.readable`).
4. **Validation exercise** (:mod:`.validation`): a sample of portrayal units to label by hand, and the
   agreement (accuracy, Cohen's kappa) of the labels with the tool and with a second labeller.

**NLTK vs the vaderSentiment package.** Same lexicon file, different scores: on 8,367 distinct news sentences
3,436 differ in some field and 379 in ``compound`` (NLTK 3.10.4, vaderSentiment 3.3.2). Swapping one
vaderSentiment rule at a time into NLTK locates them (sentences changed): word splitting, 3,399 (vaderSentiment
keeps one-letter words such as "a", which count as neutral words and shift the 3-word negation window, and strips
all edge punctuation); "no" as a negator, 52; its longer booster list ("major", "total"), 25; NLTK scoring a
repeated word at its first position, 17; vaderSentiment's "but" re-weighting by value lookup, 6; idioms, 1.
With all swapped, NLTK reproduces vaderSentiment on all 8,367. We keep NLTK's rules throughout.

>>> round(sentence_score("The talks were constructive and positive."), 3)  # plain VADER: 0.557
0.259
>>> target_polarity("Critics slammed Smith over the scandal.", 16, 21)
-1
>>> target_polarity("Voters praised Jones for her honesty.", 15, 20)
1
"""

from lib.sentiment.batch import TONE_COLUMNS, score_sentences, score_texts
from lib.sentiment.cues import TARGET_FEATURES, target_features, token_valences
from lib.sentiment.evidence import (
    EVIDENCE_COLUMNS,
    KINDS,
    SUMMARY_COLUMNS,
    mask_spans,
    portrayal_vs_voice,
    share_of_voice,
    tone_evidence,
    tone_summary,
)
from lib.sentiment.readable import READ_AS_REAL, enough_units, tone_cells
from lib.sentiment.target import (
    METHODS,
    MODEL_MENTION_LIMIT,
    TARGET_WEIGHTS,
    choose_method,
    fit_target_weights,
    target_polarity,
    target_score,
)
from lib.sentiment.vader import (
    LEXICON_FILE,
    NEWS_LEXICON,
    NEWS_POSITIVE_SCALE,
    NEWS_TONE,
    analyzer,
    lexicon_dir,
    load_analyzer,
    load_lexicon,
    news_analyzer,
    polarity_scores,
    prepare,
    sentence_score,
    tone_analyzer,
)
from lib.sentiment.validation import (
    agreement,
    cohen_kappa,
    disagreements,
    polarity_class,
    read_labels,
    validation_sample,
    with_tool,
)

__all__ = [
    "EVIDENCE_COLUMNS",
    "KINDS",
    "LEXICON_FILE",
    "METHODS",
    "MODEL_MENTION_LIMIT",
    "NEWS_LEXICON",
    "NEWS_POSITIVE_SCALE",
    "NEWS_TONE",
    "READ_AS_REAL",
    "SUMMARY_COLUMNS",
    "TARGET_FEATURES",
    "TARGET_WEIGHTS",
    "TONE_COLUMNS",
    "agreement",
    "analyzer",
    "cohen_kappa",
    "disagreements",
    "enough_units",
    "choose_method",
    "fit_target_weights",
    "lexicon_dir",
    "load_analyzer",
    "load_lexicon",
    "mask_spans",
    "news_analyzer",
    "polarity_class",
    "polarity_scores",
    "portrayal_vs_voice",
    "prepare",
    "read_labels",
    "score_sentences",
    "score_texts",
    "sentence_score",
    "share_of_voice",
    "target_features",
    "target_polarity",
    "target_score",
    "token_valences",
    "tone_analyzer",
    "tone_cells",
    "tone_evidence",
    "tone_summary",
    "validation_sample",
    "with_tool",
]
